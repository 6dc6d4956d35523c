package io.packpass.cli;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.KeyDirectory;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.core.update.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The product tour on an embedded default: no hardware, no network, no files unless asked.
 * Signs a sample EV passport and a chain of updates with throwaway keys, verifies them as a
 * gateway would, shows a one-byte tampering being caught, and prints what an anonymous scanner
 * and a grader each get to see.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Tour PackPass on built-in sample data: sign a battery passport and its updates,",
        "verify the chain, catch a tampered byte, and compare what different readers may see."})
public final class DemoCommand implements Callable<Integer> {
  private static final int COLUMN = 58;

  @Option(names = "--months", defaultValue = "6", description = "Months of monthly readings to simulate (default: ${DEFAULT-VALUE}).")
  int months;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write the public keys and the signed updates to DIR (then try: packpass verify).")
  Path out;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final Clock clock;

  public DemoCommand() {
    this(Clock.systemUTC());
  }

  DemoCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    if (months < 1 || months > 120) {
      throw new UserException("--months must be between 1 and 120, got " + months);
    }
    PrintWriter o = spec.commandLine().getOut();
    SecureRandom random = new SecureRandom();
    PassportId id = SamplePassports.evId();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant born = now.minus(Duration.ofDays(30L * months + 1));

    heading(o, 1, "Keys");
    SoftwareSigner manufacturer = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
    SoftwareSigner device = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
    o.printf("  manufacturer key  Ed25519, kid %s  (signs the birth record)%n", manufacturer.keyId());
    o.printf("  pack device key   Ed25519, kid %s  (signs readings and events)%n", device.keyId());
    o.println("  Both are throwaway keys held in memory; provisioning issues real ones with certificates.");

    heading(o, 2, "Birth record");
    List<SignedUpdate> updates = new ArrayList<>();
    SignedUpdate birth = SignedUpdate.sign(manufacturer, new UpdatePayload(id, 0, UpdatePayload.genesis(), born,
        UpdateKind.BIRTH, UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()),
        Optional.empty()));
    updates.add(birth);
    o.printf("  %s, %s%n", SamplePassports.evModel().modelName(), id.elementString());
    o.printf("  QR link   %s%n", id.digitalLink(SamplePassports.RESOLVER));
    o.printf("  seq 0 signed by the manufacturer: %d bytes of COSE_Sign1, SHA-256 %s...%n", birth.encoded().length,
        HexFormat.of().formatHex(birth.hash(), 0, 8));

    heading(o, 3, "Signed updates from the pack, " + months + " month(s)");
    long soh = 10_000;
    long deepDischarges = 0;
    for (int month = 1; month <= months; month++) {
      Instant time = born.plus(Duration.ofDays(30L * month));
      soh -= 95 + (month % 3) * 10;
      SignedUpdate previous = updates.get(updates.size() - 1);
      updates.add(SignedUpdate.sign(device, new UpdatePayload(id, updates.size(), previous.hash(), time,
          UpdateKind.READING, UpdateBody.reading(SamplePassports.evReading(time, soh, 30L * month, deepDischarges)), Optional.empty())));
      if (month == Math.min(3, months)) {
        SignedUpdate last = updates.get(updates.size() - 1);
        NegativeEvent event = new NegativeEvent(EventType.DEEP_DISCHARGE, time.plusSeconds(3_600),
            Optional.of("pack voltage 262.1 V below the 268.8 V minimum for 41 min"));
        updates.add(SignedUpdate.sign(device, new UpdatePayload(id, updates.size(), last.hash(), time.plusSeconds(7_200),
            UpdateKind.EVENT, UpdateBody.events(List.of(event)), Optional.empty())));
        deepDischarges++;
      }
    }
    o.printf("  %d updates, each chained to the SHA-256 of the one before.%n", updates.size() - 1);

    heading(o, 4, "Verify the chain as a gateway would");
    KeyDirectory keys = new KeyDirectory().manufacturer(manufacturer.verificationKey())
        .device(device.verificationKey(), id);
    ChainVerifier verifier = new ChainVerifier(keys, clock);
    UpdateChain chain = new UpdateChain(verifier);
    o.printf("  %-4s %-8s %-20s %6s  %s%n", "seq", "kind", "time", "bytes", "verdict");
    for (SignedUpdate update : updates) {
      SignedUpdate received = SignedUpdate.parse(update.encoded());
      Verdict verdict = chain.offer(received);
      o.printf("  %-4d %-8s %-20s %6d  %s%n", received.payload().seq(), received.payload().kind().name().toLowerCase(),
          received.payload().time(), update.encoded().length, verdict.outcome());
      if (!verdict.outcome().isAccepted()) {
        throw new IllegalStateException("demo chain rejected: " + verdict);
      }
    }
    Passport passport = chain.passport().orElseThrow();

    heading(o, 5, "Tamper with one byte");
    tamper(o, updates, verifier);

    heading(o, 6, "Who sees what: the same passport for two readers");
    List<String> anonymous = PassportText.render(passport, PassportView.forRole(passport, Role.ANONYMOUS));
    List<String> grader = PassportText.render(passport, PassportView.forRole(passport, Role.GRADER));
    PassportText.sideBySide("anyone scanning the QR code (public tier)", anonymous,
        "a reuse grader (legitimate interest)", grader, COLUMN).forEach(o::println);
    o.println();
    o.println("  The CoAP server on the pack and the registry's web page both cut passports with this one");
    o.println("  function (PassportView.forRole), so they cannot disagree about what is public.");

    if (out != null) {
      heading(o, 7, "Files");
      write(o, updates, manufacturer, device);
    }
    o.println();
    o.println(out != null ? "Done." : "Done. To keep the keys and updates and check them yourself: ./packpass demo --out demo-out");
    o.flush();
    return 0;
  }

  private void tamper(PrintWriter o, List<SignedUpdate> updates, ChainVerifier verifier) {
    int target = Math.min(2, updates.size() - 1);
    SignedUpdate original = updates.get(target);
    long soh = original.payload().kind() == UpdateKind.READING
        ? io.packpass.core.passport.Condition.fromCbor(original.payload().body(), "$")
            .get(io.packpass.core.passport.Quantity.STATE_OF_HEALTH).orElseThrow().value()
        : 0;
    byte[] bytes = original.encoded();
    // Condition key 1 (state of health) -> {1: value, ...}: 01 a4 01 19 <hi> <lo>
    int found = indexOf(bytes, new byte[] {0x01, (byte) 0xa4, 0x01, 0x19, (byte) (soh >> 8), (byte) soh});
    int offset = found < 0 ? bytes.length / 2 : found + 5;
    byte before = bytes[offset];
    bytes[offset] = (byte) (before ^ 0x01);
    long forged = (soh & ~0xffL) | (bytes[offset] & 0xff);
    o.printf("  Someone edits seq %d: byte %d changes 0x%02x -> 0x%02x, so the signed SOH reads %s instead of %s.%n",
        target, offset, before & 0xff, bytes[offset] & 0xff,
        io.packpass.core.passport.Quantity.STATE_OF_HEALTH.format(forged),
        io.packpass.core.passport.Quantity.STATE_OF_HEALTH.format(soh));
    UpdateChain fresh = new UpdateChain(verifier);
    for (int i = 0; i < target; i++) {
      fresh.offer(updates.get(i));
    }
    Verdict verdict = fresh.offer(SignedUpdate.parse(bytes));
    o.printf("  Gateway verdict: %s%n", verdict);
    if (verdict.outcome() != Verdict.Outcome.BAD_SIGNATURE) {
      throw new IllegalStateException("tampering was not caught: " + verdict);
    }
    Verdict replay = fresh.offer(updates.get(target + 1 < updates.size() ? target + 1 : target));
    o.printf("  And the next genuine update, arriving without the one before it: %s%n", replay);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void write(PrintWriter o, List<SignedUpdate> updates, SoftwareSigner manufacturer, SoftwareSigner device)
      throws IOException {
    Files.createDirectories(out);
    KeyFiles.writePublicKey(out.resolve("manufacturer.pub.pem"), manufacturer.verificationKey());
    KeyFiles.writePublicKey(out.resolve("device.pub.pem"), device.verificationKey());
    for (SignedUpdate update : updates) {
      Files.write(out.resolve(String.format("update-%03d.cose", update.payload().seq())), update.encoded());
    }
    o.printf("  Wrote manufacturer.pub.pem, device.pub.pem and %d update-NNN.cose files to %s%n", updates.size(), out);
    o.printf("  Check them: ./packpass verify --manufacturer-key %1$s/manufacturer.pub.pem"
        + " --device-key %1$s/device.pub.pem %1$s/update-*.cose%n", out);
  }

  private static void heading(PrintWriter o, int step, String title) {
    o.println();
    o.printf("%d. %s%n", step, title);
  }
}

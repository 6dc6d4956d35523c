package io.packpass.cli;

import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.KeyDirectory;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Verifies signed passport updates offline: each file holds one COSE_Sign1 update. Updates are
 * grouped by passport, put in seq order and run through the same chain verifier a gateway uses.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify signed passport updates (COSE_Sign1 files) offline against trusted public keys,",
        "and print the passport they add up to."},
    footer = {"", "Example (after ./packpass demo, which writes packpass-demo/):",
        "  packpass verify --manufacturer-key packpass-demo/ca/passport-signer.pub.pem \\",
        "      --device-key packpass-demo/packs/ev/device.pub.pem \\",
        "      packpass-demo/packs/ev/updates/*.cose"})
public final class VerifyCommand implements Callable<Integer> {
  /** Largest update file read; far above any real update, far below memory trouble. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  @Option(names = "--manufacturer-key", paramLabel = "PEM", required = true,
      description = "Public key (PEM) trusted to sign birth records. Repeatable.")
  List<Path> manufacturerKeys = new ArrayList<>();

  @Option(names = "--device-key", paramLabel = "PEM",
      description = "Public key (PEM) of a pack device, trusted for readings and events of the passports given. Repeatable.")
  List<Path> deviceKeys = new ArrayList<>();

  @Option(names = "--role", defaultValue = "anonymous", paramLabel = "ROLE",
      description = "Show the resulting passport as this role sees it: anonymous, dismantler, repairer, grader, "
          + "recycler, fleet, authority (default: ${DEFAULT-VALUE}).")
  String role;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Signed update files (COSE_Sign1, tag 18).")
  List<Path> files = new ArrayList<>();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    Role viewer;
    try {
      viewer = Role.fromId(role);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    Map<PassportId, List<SignedUpdate>> byPassport = new LinkedHashMap<>();
    Map<SignedUpdate, Path> source = new java.util.IdentityHashMap<>();
    for (Path file : files) {
      SignedUpdate update = read(file);
      source.put(update, file);
      byPassport.computeIfAbsent(update.payload().passportId(), k -> new ArrayList<>()).add(update);
    }
    KeyDirectory keys = new KeyDirectory();
    manufacturerKeys.forEach(k -> keys.manufacturer(KeyFiles.readPublicKey(k)));
    List<VerificationKey> devices = deviceKeys.stream().map(KeyFiles::readPublicKey).toList();
    byPassport.keySet().forEach(id -> devices.forEach(d -> keys.device(d, id)));
    ChainVerifier verifier = new ChainVerifier(keys, Clock.systemUTC());

    int rejected = 0;
    for (var entry : byPassport.entrySet()) {
      o.printf("%s%n", entry.getKey().elementString());
      UpdateChain chain = new UpdateChain(verifier);
      List<SignedUpdate> ordered = new ArrayList<>(entry.getValue());
      ordered.sort(Comparator.comparingLong(u -> u.payload().seq()));
      for (SignedUpdate update : ordered) {
        Verdict verdict = chain.offer(update);
        o.printf("  seq %-4d %-8s %-30s %s%n", update.payload().seq(), update.payload().kind().name().toLowerCase(),
            source.get(update).getFileName(), verdict);
        if (!verdict.outcome().isAccepted()) {
          rejected++;
        }
      }
      chain.passport().ifPresent(p -> show(o, p, viewer));
    }
    o.printf("%d update(s) checked, %d rejected.%n", files.size(), rejected);
    o.flush();
    return rejected == 0 ? 0 : PackPassCommand.REJECTED;
  }

  private static void show(PrintWriter o, Passport passport, Role viewer) {
    o.printf("  passport as %s sees it:%n", viewer.id());
    PassportText.render(passport, PassportView.forRole(passport, viewer)).forEach(line -> o.println("  " + line));
  }

  private static SignedUpdate read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new UserException(file + ": larger than " + MAX_FILE_BYTES + " bytes, not a passport update");
      }
      return SignedUpdate.parse(Files.readAllBytes(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (UpdateFormatException e) {
      throw new UserException(file + ": not a valid signed update: " + e.getMessage(), e);
    }
  }
}

package io.packpass.agent.run;

import io.packpass.agent.identity.DemoAuthority;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Everything {@code agent run --profile sim-...} needs on a laptop, made on the spot in one
 * directory by a {@link DemoAuthority} named "PackPass demo CA (not for production)": a device key
 * made here, its certificate, the root, a birth record of the sample pack of the profile's category and
 * an {@code agent.yaml}, the files of a real provisioning bundle (less the CRL). A directory that already
 * holds an {@code agent.yaml} is reused, so the agent resumes its journal.
 */
public final class DemoBundle {
  /** The CA name that says, in every certificate, that none of this is a real manufacturer's. */
  public static final String DEMO_CA_NAME = "PackPass demo CA (not for production)";

  private DemoBundle() {
  }

  /** The {@code agent.yaml} in {@code dir}, created first when missing. */
  public static Path prepare(HardwareProfile profile, Path dir, Clock clock) {
    Path config = dir.resolve("agent.yaml");
    if (Files.exists(config)) {
      return config;
    }
    try {
      Files.createDirectories(dir);
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      // valid from a day back, so a laptop clock a little behind still accepts the certificates
      DemoAuthority ca = DemoAuthority.create(DEMO_CA_NAME, now.minus(Duration.ofDays(1)));
      Sample sample = Sample.of(profile.pack().category().orElse(Category.INDUSTRIAL));
      SoftwareSigner key = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());
      PrivateKeyFile.create(dir.resolve("device.key"), key);
      String link = sample.id.digitalLink(SamplePassports.RESOLVER);
      X509Certificate device = ca.issueDevice(key, "demo-" + profile.id(), link);
      writePem(dir.resolve("device.pem"), device);
      writePem(dir.resolve("root.pem"), ca.root());
      SignedUpdate birth = SignedUpdate.sign(ca.passportSigner(), new UpdatePayload(sample.id, 0,
          UpdatePayload.genesis(), now.minus(Duration.ofHours(1)), UpdateKind.BIRTH,
          UpdateBody.birth(sample.model, sample.item, List.of()), Optional.empty()));
      Files.write(dir.resolve("birth.cose"), birth.encoded());
      Files.writeString(config, String.join("\n",
          "# A laptop demo made by 'packpass agent run --profile " + profile.id() + "': the CA in ca/ is a",
          "# throwaway (" + DEMO_CA_NAME + "). On a real pack these files come from 'provision bundle'.",
          "profile: " + profile.id(),
          "passport:",
          "  id: \"" + sample.id.elementString() + "\"",
          "  digitalLink: " + link,
          "identity:",
          "  certificate: device.pem",
          "  privateKey: device.key",
          "trust:",
          "  anchors: root.pem",
          "birthRecord: birth.cose",
          "coap:",
          "  bind: 127.0.0.1                 # a laptop demo answers this machine only",
          "  port: 5683",
          "  dtlsPort: 5684",
          ""));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo bundle in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writePem(Path file, X509Certificate certificate) throws IOException {
    try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
      pem.writeObject(certificate);
    }
  }

  /** The sample pack that fits a category. */
  private static final class Sample {
    final PassportId id;
    final Model model;
    final Item item;

    Sample(PassportId id, Model model, Item item) {
      this.id = id;
      this.model = model;
      this.item = item;
    }

    static Sample of(Category category) {
      switch (category) {
        case EV:
          return new Sample(SamplePassports.evId(), SamplePassports.evModel(), SamplePassports.evItem());
        case LMT:
          return new Sample(SamplePassports.lmtId(), SamplePassports.lmtModel(), SamplePassports.lmtItem());
        default:
          return new Sample(SamplePassports.stationaryId(), SamplePassports.stationaryModel(),
              SamplePassports.stationaryItem());
      }
    }
  }
}

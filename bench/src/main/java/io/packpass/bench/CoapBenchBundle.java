package io.packpass.bench;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Role;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.IssuedCertificate;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The files of a provisioned LMT pack for the CoAP benchmark, made by provisioning's real CA in one
 * directory (the layout {@code agent run --profile sim-lmt --dir D} reuses when {@code D/agent.yaml}
 * exists): device key and certificate, root, CRL, birth record, {@code agent.yaml} on the given
 * loopback ports; plus a recycler role credential from the same CA for the DTLS clients.
 */
final class CoapBenchBundle {
  private static final char[] PASSPHRASE = "bench-only".toCharArray();

  private CoapBenchBundle() {
  }

  record Made(Path yaml, RoleCredential recycler, CaStore ca) {
  }

  static Made create(Path dir, String profile, int plainPort, int dtlsPort, Optional<Path> californium)
      throws IOException {
    Files.createDirectories(dir);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CaStore.init(dir.resolve("ca"), CaOptions.defaults(), PASSPHRASE,
        Clock.fixed(now.minus(Duration.ofDays(1)), ZoneOffset.UTC));
    CaStore ca = CaStore.open(dir.resolve("ca"), PASSPHRASE);
    PassportId id = SamplePassports.lmtId();
    SoftwareSigner key = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    PrivateKeyFile.create(dir.resolve("device.key"), key);
    String link = id.digitalLink(SamplePassports.RESOLVER);
    IssuedCertificate device = ca.enrollDevice(DeviceCsr.create(key, "bench-" + profile), link, Period.ofYears(10),
        false);
    Files.writeString(dir.resolve("device.pem"), CertificateText.pem(device.chain()));
    Files.writeString(dir.resolve("root.pem"), CertificateText.pem(List.of(ca.rootCertificate())));
    Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(ca.crl(Duration.ofDays(3650))));
    SignedUpdate birth = SignedUpdate.sign(ca.passportSigner(), new UpdatePayload(id, 0, UpdatePayload.genesis(),
        now.minus(Duration.ofHours(1)), UpdateKind.BIRTH,
        UpdateBody.birth(SamplePassports.lmtModel(), SamplePassports.lmtItem(), List.of()), Optional.empty()));
    Files.write(dir.resolve("birth.cose"), birth.encoded());
    RoleCredential recycler = ca.issueRole(Role.RECYCLER, "Bench Collector", Period.ofYears(1), KeyAlgorithm.ED25519);
    Path yaml = dir.resolve("agent.yaml");
    Files.writeString(yaml, String.join("\n",
        "# CoAP benchmark pack (io.packpass.bench.CoapServiceBench): a throwaway CA in ca/.",
        "profile: " + profile,
        "passport:",
        "  id: \"" + id.elementString() + "\"",
        "  digitalLink: " + link,
        "identity:",
        "  certificate: device.pem",
        "  privateKey: device.key",
        "trust:",
        "  anchors: root.pem",
        "  crl: crl.pem",
        "birthRecord: birth.cose",
        "coap:",
        "  bind: 127.0.0.1",
        "  port: " + plainPort,
        "  dtlsPort: " + dtlsPort,
        californium.map(f -> "  californiumProperties: " + f).orElse(""),
        "updates:",
        "  every: PT1M # the shortest allowed, so that a kid-only update soon follows the first one",
        ""));
    return new Made(yaml, recycler, ca);
  }
}

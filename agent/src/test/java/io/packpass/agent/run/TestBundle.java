package io.packpass.agent.run;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What a manufacturer hands an agent, made by the real CA: a device key made "on the device", its
 * certificate, the root, the CRL, a signed birth record and an agent.yaml naming them.
 */
final class TestBundle {
  static final Instant CA_SET_UP = Instant.parse("2025-12-01T00:00:00Z");
  static final Instant BORN = Instant.parse("2026-01-01T00:00:00Z");

  final Path dir;
  final CaStore ca;
  final PassportId passport = SamplePassports.lmtId();
  final IssuedCertificate device;
  final SoftwareSigner deviceKey;
  final SignedUpdate birth;

  TestBundle(Path dir, String profile) throws IOException {
    this.dir = dir;
    // The CA is set up before the pack is born; most tests run on a clock in the months after, some
    // (the crash test, journal verify) on the real one. So certificates and the CRL are made to be
    // valid over both, whatever day the tests run: a CRL that lapsed on the real clock once stopped them.
    ca = CaStore.init(dir.resolve("ca"), new CaOptions(KeyAlgorithm.ED25519, CaOptions.DEFAULT_NAME, 60, 50),
        "s3cret".toCharArray(), Clock.fixed(CA_SET_UP, ZoneOffset.UTC));
    deviceKey = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    PrivateKeyFile.create(dir.resolve("device.key"), deviceKey);
    String link = passport.digitalLink(SamplePassports.RESOLVER);
    device = ca.enrollDevice(DeviceCsr.create(deviceKey, "test-device"), link, Period.ofYears(40), false);
    Files.writeString(dir.resolve("device.pem"), CertificateText.pem(device.chain()));
    Files.writeString(dir.resolve("root.pem"), CertificateText.pem(List.of(ca.rootCertificate())));
    Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(ca.crl(untilAYearFromNow())));
    birth = SignedUpdate.sign(ca.passportSigner(), new UpdatePayload(passport, 0, UpdatePayload.genesis(), BORN,
        UpdateKind.BIRTH, UpdateBody.birth(SamplePassports.lmtModel(), SamplePassports.lmtItem(), List.of()),
        Optional.empty()));
    Files.write(dir.resolve("birth.cose"), birth.encoded());
    Files.writeString(dir.resolve("agent.yaml"), String.join("\n",
        "profile: " + profile,
        "passport:",
        "  id: \"" + passport.elementString() + "\"",
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
        "  port: 0",
        "  dtlsPort: 0",
        "journal:",
        "  fsync: false",
        "updates:",
        "  every: PT1H",
        ""));
  }

  /** A CRL validity, counted from the CA's set-up, that ends a year after the real now. */
  static Duration untilAYearFromNow() {
    return Duration.between(CA_SET_UP, Instant.now()).plus(Duration.ofDays(365));
  }

  Path config() {
    return dir.resolve("agent.yaml");
  }
}

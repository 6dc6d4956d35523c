package io.packpass.provisioning.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.PassportId;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.core.update.Verdict.Outcome;
import io.packpass.provisioning.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateTrustedKeysTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

  @TempDir
  Path tmp;

  @Test
  void a_device_certificate_vouches_only_for_the_passport_in_its_san() throws Exception {
    char[] secret = "s3cret".toCharArray();
    CaStore ca = CaStore.init(tmp.resolve("ca"), CaOptions.defaults(), secret);
    PassportId own = SamplePassports.evId();
    PassportId other = DigitalLink.parse(TestPki.OTHER_PASSPORT).id();
    KeyPair deviceKeys = TestPki.ed25519();
    String csr = Files.readString(TestPki.writeCsr(tmp.resolve("d.csr"), TestPki.csr(deviceKeys)));
    X509Certificate device = ca.enrollDevice(csr, own.digitalLink(SamplePassports.RESOLVER), Period.ofYears(1), false)
        .certificate();
    SoftwareSigner deviceSigner = SoftwareSigner.fromPkcs8(deviceKeys.getPrivate().getEncoded());
    SoftwareSigner manufacturer = ca.passportSigner();
    assertThat(manufacturer.certificateChain()).hasSize(2);
    assertThat(manufacturer.certificateChain().get(0)).isEqualTo(ca.passportSignerCertificate().getEncoded());

    CertificateTrustedKeys keys = new CertificateTrustedKeys().add(ca.passportSignerCertificate()).add(device);
    ChainVerifier verifier = new ChainVerifier(keys, Clock.fixed(NOW, ZoneOffset.UTC));

    UpdateChain ownChain = new UpdateChain(verifier);
    SignedUpdate ownBirth = birth(manufacturer, own);
    assertThat(ownChain.offer(ownBirth).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(ownChain.offer(reading(deviceSigner, own, ownBirth)).outcome()).isEqualTo(Outcome.ACCEPTED);

    UpdateChain otherChain = new UpdateChain(verifier);
    SignedUpdate otherBirth = birth(manufacturer, other);
    assertThat(otherChain.offer(otherBirth).outcome()).isEqualTo(Outcome.ACCEPTED);
    var verdict = otherChain.offer(reading(deviceSigner, other, otherBirth));
    assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN_KEY);

    // The device key cannot sign birth records either, not even of its own passport.
    assertThat(new UpdateChain(verifier).offer(birth(deviceSigner, own)).outcome()).isEqualTo(Outcome.UNKNOWN_KEY);
  }

  private static SignedUpdate birth(SoftwareSigner signer, PassportId id) {
    return SignedUpdate.sign(signer, new UpdatePayload(id, 0, UpdatePayload.genesis(), T0, UpdateKind.BIRTH,
        UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()), Optional.empty()));
  }

  private static SignedUpdate reading(SoftwareSigner signer, PassportId id, SignedUpdate previous) {
    Instant time = T0.plusSeconds(3_600);
    return SignedUpdate.sign(signer, new UpdatePayload(id, 1, previous.hash(), time, UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(time, 9_800, 20)), Optional.empty()));
  }
}

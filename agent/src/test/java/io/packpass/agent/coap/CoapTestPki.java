package io.packpass.agent.coap;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Role;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.IssuedCertificate;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RevocationReason;
import io.packpass.provisioning.ca.RoleCredential;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A real PackPass PKI made by provisioning's CA for the CoAP tests: the manufacturer CA, the
 * agent's device certificate (SAN = the passport's Digital Link), role credentials, one revoked
 * (and in the CRL), one expired, and one from another manufacturer's CA.
 */
final class CoapTestPki {
  static final char[] PASSPHRASE = "s3cret".toCharArray();
  static final Instant BORN = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));

  final CaStore ca;
  final PassportId passport = SamplePassports.evId();
  final SoftwareSigner deviceKey = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());
  final IssuedCertificate device;
  final RoleCredential recycler;
  final RoleCredential authority;
  final RoleCredential grader;
  final RoleCredential fleet;
  final RoleCredential revoked;
  final RoleCredential expired;
  final RoleCredential foreign;
  final TrustStore trust;

  CoapTestPki(Path dir) {
    // The CA is set up a month before the pack is born (10 days ago); certificates are issued from then on.
    CaStore.init(dir.resolve("ca"), CaOptions.defaults(), PASSPHRASE,
        Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC));
    ca = CaStore.open(dir.resolve("ca"), PASSPHRASE);
    device = ca.enrollDevice(DeviceCsr.create(deviceKey, "pack agent"),
        passport.digitalLink(SamplePassports.RESOLVER), Period.ofYears(2), false);
    recycler = ca.issueRole(Role.RECYCLER, "Recycling Works", Period.ofYears(1), KeyAlgorithm.ED25519);
    authority = ca.issueRole(Role.AUTHORITY, "Market Surveillance", Period.ofYears(1), KeyAlgorithm.P256);
    grader = ca.issueRole(Role.GRADER, "Reuse Grader", Period.ofYears(1), KeyAlgorithm.ED25519);
    fleet = ca.issueRole(Role.FLEET, "Depot Gateway", Period.ofYears(1), KeyAlgorithm.ED25519);
    revoked = ca.issueRole(Role.DISMANTLER, "Former Dismantler", Period.ofYears(1), KeyAlgorithm.ED25519);
    ca.revoke(revoked.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
    // Issued 39 days ago for 30 days by the same CA (its clock set back).
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(39)), ZoneOffset.UTC);
    expired = CaStore.open(dir.resolve("ca"), PASSPHRASE, past)
        .issueRole(Role.RECYCLER, "Lapsed Recycler", Period.ofDays(30), KeyAlgorithm.ED25519);
    foreign = CaStore.init(dir.resolve("other-ca"), new CaOptions(KeyAlgorithm.ED25519, "Other Cells Ltd", 20, 10),
        PASSPHRASE).issueRole(Role.AUTHORITY, "Impostor", Period.ofYears(1), KeyAlgorithm.ED25519);
    trust = new TrustStore(List.of(ca.rootCertificate()), List.of(ca.crl(Duration.ofDays(30))));
  }

  DtlsCredentials serverCredentials() {
    return DtlsCredentials.of(deviceKey, device.chain(), trust, Clock.systemUTC());
  }

  X509Certificate root() {
    return ca.rootCertificate();
  }

  /**
   * An in-memory source for this PKI's pack: the birth record signed by the manufacturer's passport
   * signer {@code 10 days} ago, then {@code readings} hourly readings signed by the device key;
   * fresh readings report 94.00 % SOH.
   */
  InMemoryPassportSource source(int readings) {
    SignedUpdate birth = birth();
    Instant born = birth.payload().time();
    InMemoryPassportSource source = new InMemoryPassportSource(birth, deviceKey, Clock.systemUTC(),
        t -> SamplePassports.evReading(t, 9_400, 123));
    byte[] prev = birth.hash();
    for (int i = 1; i <= readings; i++) {
      Instant t = born.plus(Duration.ofHours(i));
      SignedUpdate u = SignedUpdate.sign(deviceKey, new UpdatePayload(passport, i, prev, t, UpdateKind.READING,
          UpdateBody.reading(SamplePassports.evReading(t, 9_800 - i, i)), Optional.empty()));
      source.append(u);
      prev = u.hash();
    }
    return source;
  }

  /** The pack's birth record, signed by the manufacturer's passport signer 10 days ago. */
  SignedUpdate birth() {
    Instant born = BORN;
    return SignedUpdate.sign(ca.passportSigner(), new UpdatePayload(passport, 0, UpdatePayload.genesis(), born,
        UpdateKind.BIRTH, UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()),
        Optional.empty()));
  }

  /** The verification key of the manufacturer's passport signer (the birth record's signer). */
  VerificationKey manufacturerKey() {
    return VerificationKey.fromSubjectPublicKeyInfo(ca.passportSignerCertificate().getPublicKey().getEncoded());
  }
}

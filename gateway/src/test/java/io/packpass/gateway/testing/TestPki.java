package io.packpass.gateway.testing;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.sample.SamplePassports;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.IssuedCertificate;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RevocationReason;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A real PackPass PKI made by provisioning's CA: the manufacturer's root, issuing CA and passport
 * signer, device certificates for as many packs as a test wants, and a second manufacturer whose
 * certificates no gateway here trusts. The CA was set up 40 days ago, devices are enrolled 20 days ago
 * and packs born 10 days ago; the CRL runs until 10 days from now.
 */
public final class TestPki {
  public static final char[] PASSPHRASE = "s3cret".toCharArray();
  public static final Instant BORN = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(10));

  private static final SecureRandom RANDOM = new SecureRandom();

  public final CaStore ca;
  public final CaStore foreign;
  private int serials;

  public TestPki(Path dir) {
    Clock setUp = Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
    CaStore.init(dir.resolve("ca"), CaOptions.defaults(), PASSPHRASE, setUp);
    // devices are enrolled at the factory, 20 days ago, before their packs are born
    ca = CaStore.open(dir.resolve("ca"), PASSPHRASE, Clock.fixed(Instant.now().minus(Duration.ofDays(20)), ZoneOffset.UTC));
    CaStore.init(dir.resolve("other-ca"), new CaOptions(KeyAlgorithm.ED25519, "Other Cells Ltd", 20, 10), PASSPHRASE,
        setUp);
    foreign = CaStore.open(dir.resolve("other-ca"), PASSPHRASE);
  }

  /** The gateway's trust: this manufacturer's root and its current CRL. */
  public TrustStore trust() {
    return new TrustStore(List.of(ca.rootCertificate()), List.of(ca.crl(Duration.ofDays(30))));
  }

  /** A new passport id (sample GTIN, serial {@code GW-<n>}). */
  public synchronized PassportId newPassportId() {
    return new PassportId(Gtin.parse("09521234000013"), new Serial("GW-" + (++serials)));
  }

  /** A pack of this manufacturer with its device certificate. */
  public TestPack pack() {
    return pack(newPassportId());
  }

  public TestPack pack(PassportId id) {
    return new TestPack(id, device(ca, id), ca.passportSigner());
  }

  /** A pack of {@code model}, born with {@code predecessors} (a repurposed or remanufactured battery). */
  public TestPack pack(PassportId id, io.packpass.core.passport.Model model, io.packpass.core.passport.Item item,
      List<PassportId> predecessors) {
    return new TestPack(id, device(ca, id), ca.passportSigner(), model, item, predecessors);
  }

  /** A pack whose device certificate comes from the other manufacturer's CA (and birth record too). */
  public TestPack foreignPack() {
    PassportId id = newPassportId();
    return new TestPack(id, device(foreign, id), foreign.passportSigner());
  }

  /** A pack of this manufacturer whose device certificate is revoked for key compromise. */
  public TestPack revokedPack() {
    PassportId id = newPassportId();
    SoftwareSigner key = SoftwareSigner.generate(CoseAlgorithm.EDDSA, RANDOM);
    IssuedCertificate cert = ca.enrollDevice(DeviceCsr.create(key, "revoked"), id.digitalLink(SamplePassports.RESOLVER),
        Period.ofYears(2), false);
    ca.revoke(cert.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
    return new TestPack(id, key.withCertificateChain(der(cert.chain())), ca.passportSigner());
  }

  private static SoftwareSigner device(CaStore ca, PassportId id) {
    SoftwareSigner key = SoftwareSigner.generate(CoseAlgorithm.EDDSA, RANDOM);
    IssuedCertificate cert = ca.enrollDevice(DeviceCsr.create(key, "pack " + id.serial()),
        id.digitalLink(SamplePassports.RESOLVER), Period.ofYears(2), false);
    return key.withCertificateChain(der(cert.chain()));
  }

  public static List<byte[]> der(List<X509Certificate> chain) {
    return chain.stream().map(c -> {
      try {
        return c.getEncoded();
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}

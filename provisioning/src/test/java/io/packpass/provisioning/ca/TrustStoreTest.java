package io.packpass.provisioning.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.pki.StaleCrlException;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import io.packpass.provisioning.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** core's TrustStore against certificates and CRLs made by the real CA. */
class TrustStoreTest {
  @TempDir
  Path tmp;

  final char[] secret = "s3cret".toCharArray();

  @Test
  void a_device_chain_is_trusted_until_it_expires_or_is_revoked() throws Exception {
    CaStore ca = CaStore.init(tmp.resolve("ca"), CaOptions.defaults(), secret);
    String csr = Files.readString(TestPki.writeEd25519Csr(tmp.resolve("d.csr")));
    IssuedCertificate device = ca.enrollDevice(csr, TestPki.PASSPORT, Period.ofYears(1), false);
    Path roots = Files.writeString(tmp.resolve("root.pem"), CertificateText.pem(List.of(ca.rootCertificate())));
    Path crl = tmp.resolve("crl.pem");
    Files.writeString(crl, CertificateText.pem(ca.crl(Duration.ofDays(30))));

    TrustStore store = TrustStore.load(roots, Optional.of(crl));
    Instant now = Instant.now();
    store.validate(device.chain(), now); // device, issuing CA

    assertThatThrownBy(() -> store.validate(device.chain(), now.plus(Duration.ofDays(400))))
        .isInstanceOf(TrustException.class).hasMessageContaining("is not trusted");
    assertThatThrownBy(() -> store.validate(List.of(device.certificate()), now))
        .as("without the issuing CA the path does not reach the root").isInstanceOf(TrustException.class);

    ca.revoke(device.entry().serial(), RevocationReason.KEY_COMPROMISE);
    Files.writeString(crl, CertificateText.pem(ca.crl(Duration.ofDays(30))));
    TrustStore after = TrustStore.load(roots, Optional.of(crl));
    // judged after the revocation: its date is the CA clock's whole second, which can be later than 'now'
    Instant later = Instant.now().plusSeconds(1);
    assertThatThrownBy(() -> after.validate(device.chain(), later)).isInstanceOf(TrustException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void an_out_of_date_crl_is_named_with_its_due_date_instead_of_the_jdks_vague_reason() throws Exception {
    CaStore ca = CaStore.init(tmp.resolve("ca"), CaOptions.defaults(), secret);
    String csr = Files.readString(TestPki.writeEd25519Csr(tmp.resolve("d.csr")));
    IssuedCertificate device = ca.enrollDevice(csr, TestPki.PASSPORT, Period.ofYears(1), false);
    Path roots = Files.writeString(tmp.resolve("root.pem"), CertificateText.pem(List.of(ca.rootCertificate())));
    Path crl = Files.writeString(tmp.resolve("crl.pem"), CertificateText.pem(ca.crl(Duration.ofDays(7))));
    TrustStore store = TrustStore.load(roots, Optional.of(crl));
    Instant due = store.crls().get(0).getNextUpdate().toInstant();

    store.validate(device.chain(), due.minusSeconds(1));
    // (the JDK allows a CRL 15 minutes of clock skew past its next update)
    assertThatThrownBy(() -> store.validate(device.chain(), due.plus(Duration.ofHours(1))))
        .isInstanceOfSatisfying(StaleCrlException.class, e -> assertThat(e.nextUpdate()).isEqualTo(due))
        .hasMessageContaining("revocation status unknown: the CRL of")
        .hasMessageContaining("due for renewal at " + due)
        .hasMessageContaining("packpass provision crl");
    // a record judged as of its own time does not consult the CRL, so its age does not matter
    store.validate(device.chain(), due.plus(Duration.ofHours(1)), false);
  }

  @Test
  void a_crl_of_another_issuer_says_so() throws Exception {
    CaStore ca = CaStore.init(tmp.resolve("ca"), CaOptions.defaults(), secret);
    CaStore other = CaStore.init(tmp.resolve("other"), new CaOptions(KeyAlgorithm.ED25519, "Other Cells AB", 20, 10),
        secret);
    String csr = Files.readString(TestPki.writeEd25519Csr(tmp.resolve("d.csr")));
    IssuedCertificate device = ca.enrollDevice(csr, TestPki.PASSPORT, Period.ofYears(1), false);
    Path roots = Files.writeString(tmp.resolve("root.pem"), CertificateText.pem(List.of(ca.rootCertificate())));
    Path crl = Files.writeString(tmp.resolve("crl.pem"), CertificateText.pem(other.crl(Duration.ofDays(7))));

    assertThatThrownBy(() -> TrustStore.load(roots, Optional.of(crl)).validate(device.chain(), Instant.now()))
        .isInstanceOf(TrustException.class).isNotInstanceOf(StaleCrlException.class)
        .hasMessageContaining("revocation status unknown: no CRL of");
  }

  @Test
  void another_manufacturers_root_does_not_vouch_for_the_device() throws Exception {
    CaStore ca = CaStore.init(tmp.resolve("ca"), CaOptions.defaults(), secret);
    CaStore other = CaStore.init(tmp.resolve("other"), CaOptions.defaults(), secret);
    String csr = Files.readString(TestPki.writeEd25519Csr(tmp.resolve("d.csr")));
    IssuedCertificate device = ca.enrollDevice(csr, TestPki.PASSPORT, Period.ofYears(1), false);
    Path roots = Files.writeString(tmp.resolve("root.pem"), CertificateText.pem(List.of(other.rootCertificate())));

    assertThatThrownBy(() -> TrustStore.load(roots, Optional.empty()).validate(device.chain(), Instant.now()))
        .isInstanceOf(TrustException.class);
  }

  @Test
  void unusable_trust_files_are_named() throws Exception {
    assertThatThrownBy(() -> TrustStore.load(tmp.resolve("none.pem"), Optional.empty()))
        .hasMessageContaining("none.pem: no such file");
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "hello");
    assertThatThrownBy(() -> TrustStore.load(junk, Optional.empty())).hasMessageContaining("junk.pem: not a PEM");
  }
}

package io.packpass.provisioning.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.label.LabelCode;
import io.packpass.core.label.LabelFacts;
import io.packpass.core.label.LabelVerdict;
import io.packpass.core.label.LabelVerdict.Outcome;
import io.packpass.core.label.LabelVerifier;
import io.packpass.core.label.SignedLabel;
import io.packpass.core.passport.Role;
import io.packpass.core.sample.SamplePassports;
import io.packpass.provisioning.TestPki;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RevocationReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline label verification against the manufacturer's real CA, as a dismantler's verifier meets it. */
class LabelVerifierTest {
  private static final Instant PRINTED = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final DigitalLink LINK = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId());
  private static final DigitalLink OTHER = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.lmtId());

  @TempDir
  Path tmp;

  private CaStore ca;
  private final Clock clock = Clock.fixed(PRINTED.plusSeconds(60), ZoneOffset.UTC);

  @BeforeEach
  void ca() {
    ca = CaStore.init(tmp.resolve("ca"), CaOptions.defaults(), "s3cret".toCharArray());
  }

  /** What the manufacturer publishes for labels: root, issuing CA and passport signer. */
  private LabelVerifier published() {
    return LabelVerifier.of(List.of(ca.rootCertificate(), ca.issuingCertificate(), ca.passportSignerCertificate()),
        List.of(), clock);
  }

  private static LabelFacts facts() {
    return LabelFacts.of(SamplePassports.evModel(), Optional.of(9_150L), PRINTED);
  }

  private String manufacturerLabel(DigitalLink link) {
    return LabelCode.format(link, SignedLabel.sign(ca.passportSigner(), link, facts(), Optional.empty()));
  }

  @Test
  void a_label_signed_by_the_passport_signer_verifies_with_the_published_trust_file_and_shows_its_facts() {
    LabelVerdict verdict = published().verify(manufacturerLabel(LINK));
    assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(Outcome.VERIFIED);
    assertThat(verdict.reason()).contains("the manufacturer's passport signer").contains("Passport Signer");
    assertThat(verdict.facts()).hasValue(facts());
    assertThat(verdict.passport()).hasValue(SamplePassports.evId());
  }

  @Test
  void with_the_root_alone_a_kid_only_label_has_an_unknown_signer() {
    LabelVerdict verdict = LabelVerifier.of(List.of(ca.rootCertificate()), List.of(), clock).verify(manufacturerLabel(LINK));
    assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN_SIGNER);
    assertThat(verdict.reason()).contains("key id " + ca.passportSigner().keyId()).contains("carries no certificate");
  }

  @Test
  void a_device_signed_label_carrying_its_certificate_verifies_with_root_and_issuing_ca_only() throws Exception {
    KeyPair keys = TestPki.ed25519();
    X509Certificate device = enroll(keys, LINK);
    SoftwareSigner signer = SoftwareSigner.fromPkcs8(keys.getPrivate().getEncoded());
    String text = LabelCode.format(LINK, SignedLabel.sign(signer, LINK, facts(), Optional.of(device.getEncoded())));
    LabelVerdict verdict = LabelVerifier.of(List.of(ca.rootCertificate(), ca.issuingCertificate()), List.of(), clock)
        .verify(text);
    assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(Outcome.VERIFIED);
    assertThat(verdict.reason()).contains("the pack's device key");

    LabelVerdict rootOnly = LabelVerifier.of(List.of(ca.rootCertificate()), List.of(), clock).verify(text);
    assertThat(rootOnly.outcome()).isEqualTo(Outcome.UNTRUSTED_SIGNER);
    assertThat(rootOnly.reason()).contains("needs the manufacturer's root and issuing CA");
  }

  @Test
  void a_device_key_cannot_sign_the_label_of_another_pack() throws Exception {
    KeyPair keys = TestPki.ed25519();
    X509Certificate device = enroll(keys, LINK);
    SoftwareSigner signer = SoftwareSigner.fromPkcs8(keys.getPrivate().getEncoded());
    String text = LabelCode.format(OTHER, SignedLabel.sign(signer, OTHER, facts(), Optional.of(device.getEncoded())));
    LabelVerdict verdict = published().verify(text);
    assertThat(verdict.outcome()).isEqualTo(Outcome.NOT_ENTITLED);
    assertThat(verdict.reason()).contains("neither a passport signer nor the device of " + SamplePassports.lmtId());
  }

  @Test
  void a_role_credential_cannot_sign_labels() throws Exception {
    var credential = ca.issueRole(Role.DISMANTLER, "Yard 7", Period.ofYears(1), KeyAlgorithm.ED25519);
    SoftwareSigner signer = SoftwareSigner.fromPkcs8(credential.privateKey().getEncoded());
    String text = LabelCode.format(LINK, SignedLabel.sign(signer, LINK, facts(),
        Optional.of(credential.certificate().getEncoded())));
    assertThat(published().verify(text).outcome()).isEqualTo(Outcome.NOT_ENTITLED);
  }

  @Test
  void a_signature_moved_to_another_link_or_resolver_fails_with_bad_signature() {
    String good = manufacturerLabel(LINK);
    String fragment = good.substring(good.indexOf('#'));
    LabelVerdict moved = published().verify(OTHER.format() + fragment);
    assertThat(moved.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(moved.reason()).contains("facts or its link").contains(OTHER.format());
    LabelVerdict phished = published().verify("https://id.packpass.example.co/01/09521234000013/21/EV75-000123" + fragment);
    assertThat(phished.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void every_changed_character_of_the_signature_fails_with_a_precise_reason() {
    String good = manufacturerLabel(LINK);
    int start = good.indexOf("#PP1.") + 5;
    int verified = 0;
    for (int i = start; i < good.length(); i++) {
      char replacement = good.charAt(i) == 'A' ? 'B' : 'A';
      String bad = good.substring(0, i) + replacement + good.substring(i + 1);
      LabelVerdict verdict = published().verify(bad);
      if (verdict.outcome().isVerified()) {
        verified++;
      }
      assertThat(verdict.outcome()).isIn(Outcome.BAD_SIGNATURE, Outcome.MALFORMED, Outcome.UNKNOWN_SIGNER);
      assertThat(verdict.reason()).isNotBlank();
    }
    assertThat(verified).isZero();
  }

  @Test
  void a_label_of_a_revoked_signer_is_not_trusted() {
    String text = manufacturerLabel(LINK);
    ca.revoke(ca.passportSignerCertificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
    var crl = ca.crl(Duration.ofDays(7));
    LabelVerdict verdict = LabelVerifier.of(List.of(ca.rootCertificate(), ca.issuingCertificate(),
        ca.passportSignerCertificate()), List.of(crl), clock).verify(text);
    assertThat(verdict.outcome()).isEqualTo(Outcome.UNTRUSTED_SIGNER);
    assertThat(verdict.reason()).contains("revoked").contains("key compromise");
  }

  @Test
  void another_manufacturers_trust_file_does_not_vouch_for_the_label() {
    CaStore other = CaStore.init(tmp.resolve("other"), new CaOptions(KeyAlgorithm.ED25519, "Other Cells", 20, 10),
        "x".toCharArray());
    LabelVerdict verdict = LabelVerifier.of(List.of(other.rootCertificate(), other.issuingCertificate(),
        other.passportSignerCertificate()), List.of(), clock).verify(manufacturerLabel(LINK));
    assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN_SIGNER);
  }

  @Test
  void a_label_dated_in_the_future_is_refused() {
    LabelFacts future = LabelFacts.of(SamplePassports.evModel(), Optional.empty(), PRINTED.plus(Duration.ofDays(2)));
    String text = LabelCode.format(LINK, SignedLabel.sign(ca.passportSigner(), LINK, future, Optional.empty()));
    assertThat(published().verify(text).outcome()).isEqualTo(Outcome.FUTURE_DATED);
  }

  @Test
  void unsigned_links_and_foreign_text_are_told_apart() {
    assertThat(published().verify(LINK.format()).outcome()).isEqualTo(Outcome.UNSIGNED);
    assertThat(published().verify("WIFI:S:yard;T:WPA;P:secret;;").outcome()).isEqualTo(Outcome.NOT_A_PASSPORT_LINK);
    LabelVerdict truncated = published().verify(manufacturerLabel(LINK).substring(0, 120));
    assertThat(truncated.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(truncated.passport()).hasValue(SamplePassports.evId());
  }

  /** Why labels carry a key id, not a certificate (label/README.md): each certificate is as large as the rest of the code. */
  @Test
  void every_certificate_would_cost_more_than_the_whole_signed_payload() throws Exception {
    X509Certificate device = enroll(TestPki.ed25519(), LINK);
    int payload = SignedLabel.sign(ca.passportSigner(), LINK, facts(), Optional.empty()).encoded().length;
    assertThat(payload).isBetween(150, 200);
    for (X509Certificate c : List.of(device, ca.passportSignerCertificate(), ca.issuingCertificate())) {
      assertThat(c.getEncoded().length).as(c.getSubjectX500Principal().getName()).isGreaterThan(2 * payload);
    }
    assertThat(device.getEncoded().length).as("README: 565 bytes").isBetween(555, 575);
  }

  private X509Certificate enroll(KeyPair keys, DigitalLink link) throws Exception {
    String csr = Files.readString(TestPki.writeCsr(tmp.resolve("d" + System.nanoTime() + ".csr"), TestPki.csr(keys)));
    return ca.enrollDevice(csr, link.format(), Period.ofYears(1), false).certificate();
  }
}

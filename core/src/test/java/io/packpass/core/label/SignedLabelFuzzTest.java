package io.packpass.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.testing.FuzzBudget;

/**
 * The signed label payload decoder ({@link SignedLabel#parse}) on any bytes: a
 * {@link LabelFormatException}, or a label whose facts encode back to exactly the signed payload and
 * whose signature check answers true or false (or {@link CoseException} for a key of another
 * algorithm, as documented).
 */
class SignedLabelFuzzTest {
  private static final DigitalLink EV = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId());
  private static final VerificationKey SIGNER = SoftwareSigner.ed25519(new byte[32]).verificationKey();

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void parses_facts_that_encode_back_to_the_signed_payload_or_rejects_with_a_label_format_exception(byte[] input) {
    SignedLabel label;
    try {
      label = SignedLabel.parse(input, EV);
    } catch (LabelFormatException rejected) {
      assertThat(rejected.getMessage()).startsWith("label");
      return;
    }
    assertThat(label.encoded()).isEqualTo(input);
    assertThat(label.facts().encode()).isEqualTo(label.cose().payload().orElseThrow());
    assertThat(label.kid().bytes()).isEqualTo(label.cose().kid().orElseThrow());
    assertThat(label.certificate().isPresent()).isEqualTo(!label.cose().certificateChain().isEmpty());
    try {
      boolean verified = label.verify(SIGNER);
      assertThat(verified).isEqualTo(label.cose().verify(SIGNER, SignedLabel.aad(EV)));
    } catch (CoseException otherAlgorithm) {
      assertThat(label.cose().algorithm()).isNotEqualTo(io.packpass.core.cose.CoseAlgorithm.EDDSA);
    }
  }
}

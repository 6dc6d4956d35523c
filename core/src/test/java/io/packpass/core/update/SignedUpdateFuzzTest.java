package io.packpass.core.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.testing.FuzzBudget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * {@link SignedUpdate#parse} on any bytes: an {@link UpdateFormatException}, or an update whose
 * payload is in its one deterministic encoding, whose hash is that of its exact bytes, and which a
 * {@link ChainVerifier} classifies without throwing.
 */
class SignedUpdateFuzzTest {
  private static final SoftwareSigner MANUFACTURER = SoftwareSigner.ed25519(new byte[32]);
  private static final ChainVerifier VERIFIER = new ChainVerifier(new KeyDirectory()
      .manufacturer(MANUFACTURER.verificationKey())
      .device(SoftwareSigner.ed25519(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
          21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).verificationKey(), SamplePassports.evId()),
      Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void parses_a_canonical_payload_or_rejects_with_an_update_format_exception(byte[] input) {
    SignedUpdate update;
    try {
      update = SignedUpdate.parse(input);
    } catch (UpdateFormatException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    assertThat(update.encoded()).isEqualTo(input);
    assertThat(update.payload().encode()).isEqualTo(update.cose().payload().orElseThrow());
    assertThat(update.hash()).isEqualTo(SignedUpdate.sha256(input));
    assertThat(update.kid().bytes()).isEqualTo(update.cose().kid().orElseThrow());
    assertThat(update.toString()).contains(update.payload().passportId().toString());

    Verdict verdict = new UpdateChain(VERIFIER).offer(update);
    assertThat(verdict.passport().isPresent()).isEqualTo(verdict.outcome().isAccepted());
  }
}

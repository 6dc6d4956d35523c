package io.packpass.core.cose;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.testing.FuzzBudget;

/**
 * {@link CoseSign1#parse} on any bytes: a {@link CoseException}, or a message whose parts rebuild an
 * equivalent message and whose accessors and verification answer or throw {@link CoseException} only
 * (a signature that does not verify is {@code false}, never an exception).
 */
class CoseSign1FuzzTest {
  private static final VerificationKey ED25519 = SoftwareSigner.ed25519(new byte[32]).verificationKey();
  private static final VerificationKey P256 = SoftwareSigner.es256(scalar(7)).verificationKey();

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void parses_into_parts_that_rebuild_the_message_or_rejects_with_a_cose_exception(byte[] input) {
    CoseSign1 message;
    try {
      message = CoseSign1.parse(input);
    } catch (CoseException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    assertThat(message.encoded()).isEqualTo(input);
    byte[] bucket = message.protectedHeaders().size() == 0 ? new byte[0]
        : CborEncoder.encode(message.protectedHeaders());
    byte[] rebuilt = CborEncoder.encode(new Cbor.Tagged(CoseSign1.TAG, Cbor.array(Cbor.of(bucket),
        message.unprotectedHeaders(), message.payload().<Cbor>map(Cbor::of).orElse(Cbor.Null.NULL),
        Cbor.of(message.signature()))));
    CoseSign1 again = CoseSign1.parse(rebuilt);
    assertThat(again.protectedHeaders()).isEqualTo(message.protectedHeaders());
    assertThat(again.unprotectedHeaders()).isEqualTo(message.unprotectedHeaders());
    assertThat(again.payload().orElse(null)).isEqualTo(message.payload().orElse(null));
    assertThat(again.signature()).isEqualTo(message.signature());

    answersOrRefuses(() -> message.algorithm());
    answersOrRefuses(() -> message.kid());
    answersOrRefuses(() -> message.certificateChain());
    answersOrRefuses(() -> message.toBeSigned(new byte[0]));
    answersOrRefuses(() -> message.verify(ED25519));
    answersOrRefuses(() -> message.verify(P256, new byte[] {0x50}));
  }

  private static byte[] scalar(int n) {
    byte[] scalar = new byte[32];
    scalar[31] = (byte) n;
    return scalar;
  }

  private static void answersOrRefuses(java.util.function.Supplier<?> call) {
    try {
      assertThat(call.get()).isNotNull();
    } catch (CoseException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}

package io.packpass.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.testing.FuzzBudget;

/**
 * The strict decoder on any bytes: a {@link CborException} naming a path, or an item that encodes
 * back to exactly the input (the deterministic profile has one encoding per item). The lenient mode
 * used for foreign COSE messages accepts at least what the strict one does, and its items re-encode
 * to something the strict decoder reads back as the same item.
 */
class CborDecoderFuzzTest {

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void decodes_to_an_item_that_encodes_back_to_the_input_or_rejects_with_a_cbor_exception(byte[] input) {
    Cbor strict = null;
    try {
      strict = CborDecoder.decode(input);
      assertThat(CborEncoder.encode(strict)).isEqualTo(input);
      assertThat(CborDiagnostic.format(strict)).isNotEmpty();
    } catch (CborException rejected) {
      assertThat(rejected.path()).startsWith("$");
    }
    try {
      Cbor lenient = CborDecoder.decode(input, CborLimits.DEFAULT.lenientOrder());
      if (strict != null) {
        assertThat(lenient).isEqualTo(strict);
      }
      assertThat(CborDecoder.decode(CborEncoder.encode(lenient))).isEqualTo(lenient);
    } catch (CborException rejected) {
      assertThat(strict).as("the strict decoder accepted what the lenient one rejects").isNull();
    }
  }
}

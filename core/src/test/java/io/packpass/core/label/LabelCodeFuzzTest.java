package io.packpass.core.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.testing.FuzzBudget;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.encoders.Base32;

/**
 * The text of a scanned label, as {@code packpass verify-label} reads it ({@link LabelCode#parse},
 * then {@link SignedLabel#parse}): an {@link IdentifierException} or a {@link LabelFormatException},
 * or a link whose canonical form parses back to the same link and a signature whose base32 is the
 * fragment's, character for character; a signed label prints back to text that scans the same.
 */
class LabelCodeFuzzTest {

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void reads_a_link_and_signature_that_print_back_the_same_or_rejects_with_a_typed_exception(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    LabelCode.Scanned scanned;
    try {
      scanned = LabelCode.parse(text);
    } catch (IdentifierException | LabelFormatException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    DigitalLink link = scanned.link();
    assertThat(DigitalLink.parse(link.format())).isEqualTo(link);
    if (scanned.signature().isEmpty()) {
      return;
    }
    byte[] signature = scanned.signature().get();
    String line = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    String fragment = line.substring(line.indexOf('#') + 1 + LabelCode.FRAGMENT_PREFIX.length());
    assertThat(Base32.toBase32String(signature).replace("=", "")).isEqualTo(fragment);
    SignedLabel label;
    try {
      label = SignedLabel.parse(signature, link);
    } catch (LabelFormatException rejected) {
      return;
    }
    LabelCode.Scanned again = LabelCode.parse(LabelCode.format(link, label));
    assertThat(again.link()).isEqualTo(link);
    assertThat(again.signature().orElseThrow()).isEqualTo(signature);
  }
}

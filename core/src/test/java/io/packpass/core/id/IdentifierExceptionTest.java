package io.packpass.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifierExceptionTest {

  @Test
  void is_an_illegal_argument_exception() {
    assertThatThrownBy(() -> Gtin.parse("x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quotes_short_input_whole() {
    assertThat(IdentifierException.quote("PK0001234")).isEqualTo("\"PK0001234\"");
  }

  @Test
  void truncates_quoted_input_to_80_characters() {
    String input = "a".repeat(79) + "bz" + "y".repeat(100);

    String quoted = IdentifierException.quote(input);

    assertThat(quoted).startsWith("\"" + "a".repeat(79) + "b\"")
        .doesNotContain("z", "y")
        .endsWith("(181 chars)");
  }

  @Test
  void escapes_control_and_non_ascii_characters_so_logs_cannot_be_forged() {
    assertThat(IdentifierException.quote("a\nb\u00e9\\"))
        .isEqualTo("\"a\\u000Ab\\u00E9\\u005C\"");
  }

  @Test
  void quotes_null_as_the_word_null() {
    assertThat(IdentifierException.quote(null)).isEqualTo("null");
  }

  @Test
  void messages_quote_the_offending_input_truncated() {
    String longSerial = "S".repeat(200);

    assertThatThrownBy(() -> new Serial(longSerial))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("\"" + "S".repeat(80) + "\"... (200 chars)")
        .hasMessageNotContaining("S".repeat(81));
  }
}

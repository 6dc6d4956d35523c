package io.packpass.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SerialTest {

  /** GS1 AI encodable character set 82, typed from GS1 General Specifications Figure 7.11-1. */
  static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  @Test
  void character_set_82_has_82_distinct_characters() {
    assertThat(CSET82).hasSize(82);
    assertThat(CSET82.chars().distinct().count()).isEqualTo(82);
  }

  @Test
  void accepts_every_character_of_set_82() {
    for (int start = 0; start < CSET82.length(); start += 20) {
      String chunk = CSET82.substring(start, Math.min(start + 20, CSET82.length()));
      assertThat(new Serial(chunk).value()).isEqualTo(chunk);
    }
    for (char c : CSET82.toCharArray()) {
      assertThat(new Serial(String.valueOf(c)).value()).hasSize(1);
    }
  }

  @Test
  void rejects_each_of_the_13_printable_ascii_characters_outside_set_82() {
    int rejected = 0;
    for (char c = 0x20; c < 0x7f; c++) {
      if (CSET82.indexOf(c) >= 0) {
        continue;
      }
      String serial = "AB" + c;
      assertThatThrownBy(() -> new Serial(serial))
          .as("character %s", c)
          .isInstanceOf(IdentifierException.class)
          .hasMessageContaining("at position 3")
          .hasMessageContaining("character set 82");
      rejected++;
    }
    assertThat(rejected).isEqualTo(13);
  }

  @Test
  void accepts_20_characters() {
    assertThat(new Serial("A".repeat(20)).value()).hasSize(20);
  }

  @Test
  void rejects_21_characters() {
    assertThatThrownBy(() -> new Serial("A".repeat(21)))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("21 characters; at most 20");
  }

  @Test
  void rejects_empty_serial() {
    assertThatThrownBy(() -> new Serial(""))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void rejects_space_and_names_it() {
    assertThatThrownBy(() -> new Serial("PK 0001"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("(U+0020) at position 3")
        .hasMessageContaining("\"PK 0001\"");
  }

  @Test
  void rejects_hash_and_names_it() {
    assertThatThrownBy(() -> new Serial("PK#1"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("'#' (U+0023) at position 3");
  }

  @Test
  void rejects_non_ascii_and_names_the_code_point() {
    assertThatThrownBy(() -> new Serial("Caf\u00e9"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("(U+00E9) at position 4");
    // U+1F50B BATTERY is two UTF-16 chars; the message names the code point, not a lone surrogate
    assertThatThrownBy(() -> new Serial("x\uD83D\uDD0B"))
        .hasMessageContaining("(U+1F50B) at position 2");
    assertThatThrownBy(() -> new Serial("A\u0000"))
        .hasMessageContaining("(U+0000) at position 2");
  }

  @Test
  void rejects_null() {
    assertThatThrownBy(() -> new Serial(null)).isInstanceOf(IdentifierException.class);
  }

  @Test
  void to_string_is_the_value() {
    assertThat(new Serial("PK0001234")).hasToString("PK0001234");
  }
}

package io.packpass.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GtinTest {

  // Published examples: EAN-13 4006381333931 and 5901234123457 (GS1 / Wikipedia "International
  // Article Number"), UPC-A 036000291452 (Wikipedia "Universal Product Code"), EAN-8 96385074
  // (Wikipedia "EAN-8"), and the GS1 demo GTIN 09521234000013 used in OpenEPCIS' URL_PATTERNS.md.
  // The 14-digit forms were cross-checked with a separate Python mod-10 implementation.
  @ParameterizedTest
  @CsvSource({
    "4006381333931, 04006381333931",
    "5901234123457, 05901234123457",
    "036000291452,  00036000291452",
    "96385074,      00000096385074",
    "09521234000013, 09521234000013",
    "10614141000415, 10614141000415",
  })
  void parses_published_gtins_and_pads_them_to_14_digits(String input, String gtin14) {
    Gtin gtin = Gtin.parse(input);

    assertThat(gtin.digits()).isEqualTo(gtin14);
    assertThat(gtin).hasToString(gtin14);
  }

  @ParameterizedTest
  @CsvSource({
    "0952123400001, 3",
    "0400638133393, 1",
    "0590123412345, 7",
    "0003600029145, 2",
    "0000009638507, 4",
    "1061414100041, 5",
    "0000000000000, 0",
  })
  void computes_the_gs1_mod10_check_digit(String first13, int checkDigit) {
    assertThat(Gtin.withCheckDigit(first13).digits()).isEqualTo(first13 + checkDigit);
  }

  @Test
  void rejects_gtin_with_wrong_check_digit_and_names_the_expected_one() {
    assertThatThrownBy(() -> Gtin.parse("09521234000014"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("is 4 but should be 3")
        .hasMessageContaining("\"09521234000014\"");
  }

  @Test
  void rejects_gtin13_with_wrong_check_digit_after_padding() {
    assertThatThrownBy(() -> Gtin.parse("4006381333932"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("should be 1");
  }

  @Test
  void detects_every_single_digit_substitution() {
    String valid = "09521234000013";
    for (int position = 0; position < 14; position++) {
      for (char digit = '0'; digit <= '9'; digit++) {
        if (digit == valid.charAt(position)) {
          continue;
        }
        String typo = valid.substring(0, position) + digit + valid.substring(position + 1);
        assertThatThrownBy(() -> Gtin.parse(typo))
            .as("typo %s", typo)
            .isInstanceOf(IdentifierException.class)
            .hasMessageContaining("check digit");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1234567", "123456789", "12345678901", "123456789012345", "0952123400001300"})
  void rejects_gtin_of_wrong_length(String input) {
    assertThatThrownBy(() -> Gtin.parse(input))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("8, 12, 13 or 14 digits, got " + input.length());
  }

  @Test
  void rejects_non_digits_and_names_the_position() {
    assertThatThrownBy(() -> Gtin.parse("0952123400001X"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("digits 0-9 only")
        .hasMessageContaining("\"X\" at position 14");
    assertThatThrownBy(() -> Gtin.parse("0952 234000013"))
        .hasMessageContaining("at position 5");
    assertThatThrownBy(() -> Gtin.parse("+9521234000013"))
        .hasMessageContaining("at position 1");
  }

  @Test
  void rejects_unicode_digits_that_character_is_digit_would_accept() {
    // U+0663 ARABIC-INDIC DIGIT THREE in place of the check digit 3
    assertThatThrownBy(() -> Gtin.parse("0952123400001\u0663"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("\\u0663");
  }

  @Test
  void rejects_null() {
    assertThatThrownBy(() -> Gtin.parse(null)).isInstanceOf(IdentifierException.class);
    assertThatThrownBy(() -> new Gtin(null)).isInstanceOf(IdentifierException.class);
  }

  @Test
  void constructor_requires_exactly_14_digits() {
    assertThatThrownBy(() -> new Gtin("4006381333931"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("14 digits, got 13");
  }

  @Test
  void with_check_digit_requires_13_digits() {
    assertThatThrownBy(() -> Gtin.withCheckDigit("095212340000"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("first 13 digits");
    assertThatThrownBy(() -> Gtin.withCheckDigit("095212340000A"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("position 13");
  }

  @Test
  void equal_gtins_written_with_different_lengths_are_equal() {
    assertThat(Gtin.parse("4006381333931")).isEqualTo(Gtin.parse("04006381333931"));
  }
}

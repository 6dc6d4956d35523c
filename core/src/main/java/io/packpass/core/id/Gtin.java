package io.packpass.core.id;

/**
 * A Global Trade Item Number in its 14-digit form, as carried in GS1 AI (01).
 *
 * <p>Rules enforced (GS1 General Specifications, AI (01) and §7.9.1 "Standard check digit
 * calculations"): exactly 14 ASCII digits, the last of which is the GS1 mod-10 check digit over the
 * first 13 (weights 3,1,3,... counted from the right). {@link #parse} also accepts GTIN-8, GTIN-12 and
 * GTIN-13 and left-pads them with zeros, which leaves the check digit unchanged because the weights
 * are anchored at the right.
 *
 * @param digits the 14 digits, check digit last
 */
public record Gtin(String digits) {

  public Gtin {
    if (digits == null) {
      throw new IdentifierException("GTIN is null");
    }
    if (digits.length() != 14) {
      throw new IdentifierException(
          "GTIN-14 must have 14 digits, got " + digits.length() + ": " + IdentifierException.quote(digits));
    }
    requireDigits(digits);
    int expected = checkDigit(digits.substring(0, 13));
    int actual = digits.charAt(13) - '0';
    if (actual != expected) {
      throw new IdentifierException("GTIN check digit is " + actual + " but should be " + expected
          + ": " + IdentifierException.quote(digits));
    }
  }

  /**
   * Parses a GTIN-8, -12, -13 or -14 given as digits only (no spaces, no AI), and returns it padded
   * to 14 digits.
   *
   * @throws IdentifierException if the input is not 8, 12, 13 or 14 digits or the check digit is wrong
   */
  public static Gtin parse(String text) {
    if (text == null) {
      throw new IdentifierException("GTIN is null");
    }
    int n = text.length();
    if (n != 8 && n != 12 && n != 13 && n != 14) {
      throw new IdentifierException(
          "GTIN must have 8, 12, 13 or 14 digits, got " + n + ": " + IdentifierException.quote(text));
    }
    requireDigits(text);
    return new Gtin("0".repeat(14 - n) + text);
  }

  /**
   * Completes the first 13 digits of a GTIN-14 with their check digit.
   *
   * @throws IdentifierException if {@code first13} is not exactly 13 digits
   */
  public static Gtin withCheckDigit(String first13) {
    if (first13 == null || first13.length() != 13) {
      throw new IdentifierException("need the first 13 digits of a GTIN-14, got "
          + (first13 == null ? "null" : first13.length() + " characters: " + IdentifierException.quote(first13)));
    }
    requireDigits(first13);
    return new Gtin(first13 + checkDigit(first13));
  }

  /** The GS1 mod-10 check digit over 13 digits: weight 3 on the rightmost, alternating with 1. */
  static int checkDigit(String first13) {
    int sum = 0;
    for (int i = 0; i < 13; i++) {
      int weight = (i % 2 == 0) ? 3 : 1;
      sum += (first13.charAt(i) - '0') * weight;
    }
    return (10 - sum % 10) % 10;
  }

  // Character.isDigit would let Arabic-Indic and other Unicode digits through.
  private static void requireDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IdentifierException("GTIN must contain digits 0-9 only, found "
            + IdentifierException.quote(String.valueOf(c)) + " at position " + (i + 1)
            + ": " + IdentifierException.quote(text));
      }
    }
  }

  @Override
  public String toString() {
    return digits;
  }
}

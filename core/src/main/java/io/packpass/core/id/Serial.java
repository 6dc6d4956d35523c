package io.packpass.core.id;

/**
 * A GS1 serial number, AI (21): the item-level part of a passport identifier.
 *
 * <p>Rules enforced (GS1 General Specifications: AI (21) has format X..20, and X means
 * a character of "GS1 AI encodable character set 82", Figure 7.11-1): 1 to 20 characters, each one of
 * <code>! " % &amp; ' ( ) * + , - . / 0-9 : ; &lt; = &gt; ? A-Z _ a-z</code>. Space, {@code #},
 * {@code $}, {@code @} and anything outside ASCII are not in the set.
 *
 * @param value the serial as printed in the human-readable text
 */
public record Serial(String value) {

  /** Maximum length of AI (21), and also of AI (10) and AI (22). */
  static final int MAX_LENGTH = 20;

  private static final String CSET82_PUNCTUATION = "!\"%&'()*+,-./:;<=>?_";

  public Serial {
    checkCset82("serial (AI 21)", value);
  }

  /**
   * Checks a value of an AI with format X..20: AI (21) serial, and also AI (10) lot and AI (22)
   * consumer product variant, which share the length and character set.
   */
  static void checkCset82(String what, String value) {
    if (value == null) {
      throw new IdentifierException(what + " is null");
    }
    if (value.isEmpty()) {
      throw new IdentifierException(what + " is empty; it must have 1 to " + MAX_LENGTH + " characters");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IdentifierException(what + " has " + value.length() + " characters; at most " + MAX_LENGTH
          + " are allowed: " + IdentifierException.quote(value));
    }
    int position = 1;
    for (int i = 0; i < value.length(); position++) {
      int cp = value.codePointAt(i);
      if (!isCset82(cp)) {
        throw new IdentifierException(what + " has " + describe(cp) + " at position " + position
            + ", which is not in GS1 character set 82: " + IdentifierException.quote(value));
      }
      i += Character.charCount(cp);
    }
  }

  static boolean isCset82(int cp) {
    return (cp >= '0' && cp <= '9')
        || (cp >= 'A' && cp <= 'Z')
        || (cp >= 'a' && cp <= 'z')
        || (cp < 0x80 && CSET82_PUNCTUATION.indexOf(cp) >= 0);
  }

  private static String describe(int cp) {
    String printable = (cp > 0x20 && cp < 0x7f) ? "'" + (char) cp + "' " : "";
    return printable + String.format("(U+%04X)", cp);
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.packpass.core.id;

/**
 * Thrown when a passport identifier, or any part of one, is malformed.
 *
 * <p>Every message says which rule was broken and quotes the offending input, truncated to
 * {@value #MAX_QUOTED} characters and with non-printable characters escaped, because the input
 * usually comes from a scanned label or a network message and ends up in a log line.
 */
public class IdentifierException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  static final int MAX_QUOTED = 80;

  public IdentifierException(String message) {
    super(message);
  }

  public IdentifierException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Quotes {@code input} for an error message: at most {@value #MAX_QUOTED} characters, anything
   * outside printable ASCII written as {@code \\uXXXX} so that a scanned control character cannot
   * forge a log line.
   */
  static String quote(String input) {
    if (input == null) {
      return "null";
    }
    boolean truncated = input.length() > MAX_QUOTED;
    String shown = truncated ? input.substring(0, MAX_QUOTED) : input;
    StringBuilder sb = new StringBuilder(shown.length() + 8).append('"');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04X", (int) c));
      }
    }
    sb.append('"');
    if (truncated) {
      sb.append("... (").append(input.length()).append(" chars)");
    }
    return sb.toString();
  }
}

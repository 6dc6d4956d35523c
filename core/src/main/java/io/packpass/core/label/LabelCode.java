package io.packpass.core.label;

import io.packpass.core.id.DigitalLink;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.util.encoders.Base32;

/**
 * The text in a label's QR code: the pack's GS1 Digital Link, and optionally its {@link SignedLabel}
 * in the URI fragment, {@code https://<resolver>/01/<gtin>/21/<serial>#PP1.<base32>}.
 *
 * <p>Why the fragment: a phone opens the link as it is, because browsers never send the fragment to
 * the server (RFC 3986 §3.5), so the resolver sees the plain Digital Link; one scan gives both the
 * link and the signature, where a second code would need its own quiet zone and finder patterns and
 * a second scan. Why base32 (RFC 4648, upper case, no padding): its alphabet is in the QR
 * alphanumeric set, so the encoder can put the fragment in an alphanumeric segment (5.5 bits per
 * character, 8.8 bits per byte) instead of the 10.7 bits per byte base64url costs in byte mode; that
 * saves one to three QR versions (label/README.md has the measurements). All its characters are
 * allowed in a URI fragment.
 */
public final class LabelCode {
  /** Format marker and version of the fragment. */
  public static final String FRAGMENT_PREFIX = "PP1.";
  /** Longer scanned text is no PackPass label (a v40 QR holds 2,953 bytes). */
  public static final int MAX_TEXT = 4096;

  /** What a scanned label says: the link, and the signature bytes if it carries one. */
  public record Scanned(DigitalLink link, Optional<byte[]> signature) {
    public Scanned {
      signature = signature.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> signature() {
      return signature.map(byte[]::clone);
    }
  }

  private LabelCode() {
  }

  /** The QR text of an unsigned label: the canonical Digital Link. */
  public static String format(DigitalLink link) {
    return link.format();
  }

  /** The QR text of a signed label. */
  public static String format(DigitalLink link, SignedLabel label) {
    if (!label.link().equals(link)) {
      throw new IllegalArgumentException("label signed for " + label.link() + " cannot go on " + link);
    }
    return link.format() + "#" + FRAGMENT_PREFIX + Base32.toBase32String(label.encoded()).replace("=", "");
  }

  /**
   * Reads scanned text. A scanner's trailing line end is ignored.
   *
   * @throws io.packpass.core.id.IdentifierException when the text is not a passport's Digital Link
   * @throws LabelFormatException when the fragment is not a well-formed PackPass label signature
   */
  public static Scanned parse(String text) {
    if (text == null) {
      throw new LabelFormatException("scanned text is null");
    }
    String trimmed = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (trimmed.length() > MAX_TEXT) {
      throw new LabelFormatException("scanned text has " + trimmed.length() + " characters; a PackPass label has at most "
          + MAX_TEXT);
    }
    int hash = trimmed.indexOf('#');
    DigitalLink link = DigitalLink.parse(hash < 0 ? trimmed : trimmed.substring(0, hash));
    if (hash < 0 || hash == trimmed.length() - 1) {
      return new Scanned(link, Optional.empty());
    }
    String fragment = trimmed.substring(hash + 1);
    if (!fragment.startsWith(FRAGMENT_PREFIX)) {
      throw new LabelFormatException("the link's fragment is not a PackPass label signature (expected #"
          + FRAGMENT_PREFIX + "<base32>, found #" + shorten(fragment) + ")");
    }
    return new Scanned(link, Optional.of(base32(fragment.substring(FRAGMENT_PREFIX.length()))));
  }

  /** Strict RFC 4648 base32: upper-case alphabet, no padding, a possible length, zero trailing bits. */
  static byte[] base32(String text) {
    if (text.isEmpty()) {
      throw new LabelFormatException("label signature is empty after #" + FRAGMENT_PREFIX);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
        throw new LabelFormatException("label signature has '" + printable(c) + "' at position " + (i + 1)
            + " of the base32 text; only A-Z and 2-7 are allowed");
      }
    }
    int rest = text.length() % 8;
    if (rest == 1 || rest == 3 || rest == 6) {
      throw new LabelFormatException("label signature: " + text.length() + " base32 characters is no whole number of"
          + " bytes (truncated scan?)");
    }
    String padded = rest == 0 ? text : text + "=".repeat(8 - rest);
    byte[] bytes;
    try {
      bytes = Base32.decode(padded);
    } catch (IllegalStateException e) { // Bouncy Castle's DecoderException included
      throw new LabelFormatException("label signature is not valid base32: " + e.getMessage(), e);
    }
    if (!Base32.toBase32String(bytes).replace("=", "").equals(text)) {
      throw new LabelFormatException("label signature: the last base32 character has bits set that encode nothing");
    }
    return bytes;
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format(Locale.ROOT, "U+%04X", (int) c);
  }

  private static String shorten(String fragment) {
    String shown = fragment.length() > 12 ? fragment.substring(0, 12) + "..." : fragment;
    StringBuilder out = new StringBuilder();
    shown.chars().forEach(c -> out.append(printable((char) c)));
    return out.toString();
  }
}

package io.packpass.core.id;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A passport identifier written as a GS1 Digital Link URI (GS1 Digital Link URI Syntax 1.6, also
 * ISO/IEC 18975), the form encoded in the QR code on the battery label.
 *
 * <p>Canonical form: {@code https://<host>[/<path-prefix>]/01/<GTIN-14>/21/<serial>}. Rules enforced by
 * {@link #parse}:
 * <ul>
 *   <li>scheme {@code https}, or {@code http} for local testing; a host; no user info; at most
 *       {@value #MAX_URI_LENGTH} characters of printable ASCII;</li>
 *   <li>the resolver base is everything before {@code /01/}, so any path prefix is allowed;</li>
 *   <li>the primary key is AI 01; GTIN-8/12/13 are padded to 14 digits and the check digit must hold;</li>
 *   <li>key qualifiers may only be 22 (consumer product variant), 10 (lot) and 21 (serial), in that
 *       order, each at most once; 22 and 10 are checked and then dropped;</li>
 *   <li>the serial (21) is required, because PackPass passports are item level;</li>
 *   <li>path segments are percent-decoded as UTF-8; the query string (GS1 data attributes) and any
 *       fragment are ignored.</li>
 * </ul>
 * {@link #format} writes the canonical form: scheme and host in lower case, only AI 01 and 21, and
 * every serial character outside the RFC 3986 unreserved set percent-encoded with upper-case hex.
 * For every valid passport, {@code parse(x.format()).equals(x)}.
 *
 * @param resolverBase {@code http(s)://host[:port][/path-prefix]}, normalised without a trailing slash
 * @param id the passport the link identifies
 */
public record DigitalLink(URI resolverBase, PassportId id) {

  /** Longest URI accepted; longer strings do not fit a readable QR code and hint at abuse. */
  static final int MAX_URI_LENGTH = 2048;

  // "/01/" + 14 digits + "/21/" + 20 serial characters each encoded as %XX.
  private static final int MAX_AI_PATH_LENGTH = 4 + 14 + 4 + 20 * 3;

  private static final String AI_GTIN = "01";
  private static final String AI_VARIANT = "22";
  private static final String AI_LOT = "10";
  private static final String AI_SERIAL = "21";
  /** Key qualifiers of AI 01 in the order GS1 Digital Link requires. */
  private static final List<String> QUALIFIER_ORDER = List.of(AI_VARIANT, AI_LOT, AI_SERIAL);

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public DigitalLink {
    Objects.requireNonNull(id, "id");
    resolverBase = canonicalBase(resolverBase);
  }

  /**
   * The Digital Link of {@code id} under a resolver base given as text, such as
   * {@code https://id.example.org} or {@code https://id.example.org/dpp/}.
   */
  public static DigitalLink of(String resolverBase, PassportId id) {
    if (resolverBase == null) {
      throw new IdentifierException("resolver base is null");
    }
    requirePrintableAscii("resolver base", resolverBase);
    try {
      return new DigitalLink(new URI(resolverBase), id);
    } catch (URISyntaxException e) {
      throw new IdentifierException("resolver base is not a valid URI (" + e.getReason() + " at index "
          + e.getIndex() + "): " + IdentifierException.quote(resolverBase), e);
    }
  }

  /**
   * Parses a GS1 Digital Link URI that identifies one serialised item.
   *
   * @throws IdentifierException naming the broken rule, see the class description
   */
  public static DigitalLink parse(String text) {
    if (text == null) {
      throw new IdentifierException("Digital Link URI is null");
    }
    if (text.length() > MAX_URI_LENGTH) {
      throw new IdentifierException("Digital Link URI has " + text.length() + " characters; at most "
          + MAX_URI_LENGTH + " are accepted: " + IdentifierException.quote(text));
    }
    requirePrintableAscii("Digital Link URI", text);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IdentifierException("not a valid URI (" + e.getReason() + " at index " + e.getIndex()
          + "): " + IdentifierException.quote(text), e);
    }
    requireOrigin(uri, text);

    String path = uri.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      throw new IdentifierException("Digital Link URI has no path; expected .../01/<GTIN>/21/<serial>: "
          + IdentifierException.quote(text));
    }
    String[] segments = path.substring(1).split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new IdentifierException("Digital Link URI path has an empty segment (double or trailing '/'): "
            + IdentifierException.quote(text));
      }
    }
    int primary = primaryKeyIndex(segments, text);

    String gtinText = valueAfter(segments, primary, text);
    Gtin gtin = inContext(text, () -> Gtin.parse(gtinText));
    String serial = null;
    int lastRank = -1;
    for (int i = primary + 2; i < segments.length; i += 2) {
      String ai = segments[i];
      int rank = QUALIFIER_ORDER.indexOf(ai);
      if (rank < 0) {
        throw new IdentifierException("AI " + IdentifierException.quote(ai)
            + " is not a key qualifier of GTIN; only 22, 10 and 21 may follow /01/<GTIN>: "
            + IdentifierException.quote(text));
      }
      if (rank <= lastRank) {
        throw new IdentifierException("key qualifiers must appear in the order 22, 10, 21, each at most once"
            + " (GS1 Digital Link URI Syntax 1.6), but AI " + ai + " follows AI "
            + QUALIFIER_ORDER.get(lastRank) + ": " + IdentifierException.quote(text));
      }
      lastRank = rank;
      String value = valueAfter(segments, i, text);
      switch (ai) {
        case AI_VARIANT -> checkInContext(text, () -> Serial.checkCset82("consumer product variant (AI 22)", value));
        case AI_LOT -> checkInContext(text, () -> Serial.checkCset82("lot (AI 10)", value));
        default -> serial = value;
      }
    }
    if (serial == null) {
      throw new IdentifierException("Digital Link URI has no serial (AI 21); PackPass passports are item level,"
          + " so /21/<serial> is required: " + IdentifierException.quote(text));
    }
    String serialText = serial;
    PassportId id = inContext(text, () -> new PassportId(gtin, new Serial(serialText)));

    String base = uri.getScheme() + "://" + uri.getRawAuthority()
        + (primary == 0 ? "" : "/" + String.join("/", List.of(segments).subList(0, primary)));
    return inContext(text, () -> new DigitalLink(URI.create(base), id));
  }

  /** The canonical URI: resolver base, then {@code /01/<gtin14>/21/<percent-encoded serial>}. */
  public String format() {
    return resolverBase + "/" + AI_GTIN + "/" + id.gtin().digits() + "/" + AI_SERIAL + "/"
        + percentEncode(id.serial().value());
  }

  @Override
  public String toString() {
    return format();
  }

  /**
   * Finds the AI 01 segment. AI keys sit at an even distance from the end of the path and values at
   * an odd one, so the rightmost "01" at an even distance is the primary key even when the path prefix
   * or a value is itself "01". If there is none, the first "01" is used so that the error names the
   * pair that is missing its value.
   */
  private static int primaryKeyIndex(String[] segments, String text) {
    for (int i = segments.length - 2; i >= 0; i -= 2) {
      if (segments[i].equals(AI_GTIN)) {
        return i;
      }
    }
    int first = List.of(segments).indexOf(AI_GTIN);
    if (first < 0) {
      throw new IdentifierException("Digital Link URI has no /01/<GTIN> in its path; a passport is"
          + " identified by GTIN and serial: " + IdentifierException.quote(text));
    }
    return first;
  }

  private static String valueAfter(String[] segments, int keyIndex, String text) {
    if (keyIndex + 1 >= segments.length) {
      throw new IdentifierException("AI " + segments[keyIndex] + " has no value in the path: "
          + IdentifierException.quote(text));
    }
    return percentDecode(segments[keyIndex + 1], text);
  }

  private static URI canonicalBase(URI base) {
    if (base == null) {
      throw new IdentifierException("resolver base is null");
    }
    String shown = base.toString();
    requirePrintableAscii("resolver base", shown);
    requireOrigin(base, shown);
    if (base.getRawQuery() != null || base.getRawFragment() != null) {
      throw new IdentifierException("resolver base must not have a query or fragment: "
          + IdentifierException.quote(shown));
    }
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.contains("//")) {
      throw new IdentifierException("resolver base path has an empty segment: " + IdentifierException.quote(shown));
    }
    String canonical = base.getScheme().toLowerCase(Locale.ROOT) + "://"
        + base.getHost().toLowerCase(Locale.ROOT)
        + (base.getPort() == -1 ? "" : ":" + base.getPort())
        + path;
    // Keeps format() within the length parse() accepts, so every link round-trips.
    if (canonical.length() > MAX_URI_LENGTH - MAX_AI_PATH_LENGTH) {
      throw new IdentifierException("resolver base has " + canonical.length() + " characters; at most "
          + (MAX_URI_LENGTH - MAX_AI_PATH_LENGTH) + " leave room for the identifier: "
          + IdentifierException.quote(shown));
    }
    return URI.create(canonical);
  }

  private static void requireOrigin(URI uri, String shown) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      throw new IdentifierException("scheme must be https (or http for local testing), got "
          + IdentifierException.quote(scheme) + ": " + IdentifierException.quote(shown));
    }
    if (uri.isOpaque() || uri.getRawUserInfo() != null) {
      // user info lets "https://id.example.org@evil.example/..." pass for a trusted host
      throw new IdentifierException("URI must be http(s)://host/... without user info: "
          + IdentifierException.quote(shown));
    }
    if (uri.getHost() == null) {
      throw new IdentifierException("URI has no valid host: " + IdentifierException.quote(shown));
    }
  }

  // java.net.URI lets non-ASCII "other" characters through; a Digital Link must percent-encode them.
  private static void requirePrintableAscii(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IdentifierException(what + " has " + String.format("U+%04X", (int) c) + " at position "
            + (i + 1) + "; only printable ASCII is allowed, everything else must be percent-encoded: "
            + IdentifierException.quote(text));
      }
    }
  }

  /** Percent-encodes every byte of the UTF-8 form outside RFC 3986 unreserved characters. */
  static String percentEncode(String value) {
    StringBuilder sb = new StringBuilder(value.length() * 3);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
      }
    }
    return sb.toString();
  }

  // URLDecoder is for form data and would turn '+' into a space; in a path '+' is just '+'.
  static String percentDecode(String segment, String text) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteBuffer bytes = ByteBuffer.allocate(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.put((byte) c);
        continue;
      }
      int hi = i + 1 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int lo = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new IdentifierException("bad percent-escape in path segment " + IdentifierException.quote(segment)
            + ": " + IdentifierException.quote(text));
      }
      bytes.put((byte) (hi << 4 | lo));
      i += 2;
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IdentifierException("path segment " + IdentifierException.quote(segment)
          + " is not UTF-8 once percent-decoded: " + IdentifierException.quote(text), e);
    }
  }

  /** Runs a check on one part of the URI and adds the whole URI to its message if it fails. */
  private static <T> T inContext(String text, Supplier<T> check) {
    try {
      return check.get();
    } catch (IdentifierException e) {
      throw new IdentifierException(e.getMessage() + " (in Digital Link " + IdentifierException.quote(text) + ")", e);
    }
  }

  private static void checkInContext(String text, Runnable check) {
    inContext(text, () -> {
      check.run();
      return null;
    });
  }
}

package io.packpass.core.cbor;

/**
 * Bad or unsupported CBOR. {@link #path()} names the offending data item in JSONPath-like form
 * ({@code $} is the top item, {@code .3} a map key, {@code [2]} an array index, {@code <tag>}
 * the content of a tag) and {@link #offset()} its byte position, so a rejected passport or update
 * can be pinned down without a hex dump.
 */
public class CborException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long offset;

  public CborException(String path, long offset, String reason) {
    super("CBOR at " + path + (offset >= 0 ? " (byte " + offset + ")" : "") + ": " + reason);
    this.path = path;
    this.offset = offset;
  }

  /** For problems found in an already decoded item (no byte position). */
  public CborException(String path, String reason) {
    this(path, -1, reason);
  }

  public String path() {
    return path;
  }

  /** Byte offset of the offending item in the input, or -1 when not known. */
  public long offset() {
    return offset;
  }
}

package io.packpass.core.cbor;

/**
 * Bounds for {@link CborDecoder}. Every parser of outside input runs with limits: the defaults
 * fit a passport or signed update with a wide margin and stop allocation bombs early.
 *
 * @param maxBytes largest accepted input (default 64 KiB)
 * @param maxDepth deepest nesting of arrays, maps and tags (default 16)
 * @param canonical when true (the default) only the deterministic encoding is accepted: shortest
 *     arguments and map keys in bytewise order, so {@code encode(decode(b))} equals {@code b};
 *     false relaxes only those two rules, for foreign COSE messages.
 */
public record CborLimits(int maxBytes, int maxDepth, boolean canonical) {
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 16;

  public static final CborLimits DEFAULT = new CborLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, true);

  public CborLimits {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
    }
  }

  public CborLimits withMaxBytes(int bytes) {
    return new CborLimits(bytes, maxDepth, canonical);
  }

  public CborLimits withMaxDepth(int depth) {
    return new CborLimits(maxBytes, depth, canonical);
  }

  /** Same bounds, but accepts non-shortest arguments and unsorted map keys. */
  public CborLimits lenientOrder() {
    return new CborLimits(maxBytes, maxDepth, false);
  }
}

package io.packpass.core.cbor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The CBOR data items PackPass signs and exchanges: a deliberately small profile of RFC 8949.
 *
 * <p>Integers are limited to the signed 64-bit range, there is no floating point (signed data
 * carries scaled integers with units fixed by {@code docs/passport.cddl}) and map keys are
 * integers or text. Maps keep their entries in the deterministic order of RFC 8949 §4.2.1
 * (bytewise order of the encoded keys), so iteration order is encoding order.
 */
public sealed interface Cbor permits Cbor.Int, Cbor.Bytes, Cbor.Text, Cbor.Array, Cbor.Map,
    Cbor.Tagged, Cbor.Bool, Cbor.Null {

  static Int of(long value) {
    return new Int(value);
  }

  static Text of(String value) {
    return new Text(value);
  }

  static Bytes of(byte[] value) {
    return new Bytes(value);
  }

  static Bool of(boolean value) {
    return value ? Bool.TRUE : Bool.FALSE;
  }

  static Array array(Cbor... items) {
    return new Array(List.of(items));
  }

  /** Integer, major types 0 and 1. */
  record Int(long value) implements Cbor {
  }

  /** Byte string, major type 2. The array is copied in and out. */
  record Bytes(byte[] value) implements Cbor {
    public Bytes {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    /** Length without copying. */
    public int length() {
      return value.length;
    }

    /** Read access for encoders that must not copy on the hot path. */
    byte[] unsafeValue() {
      return value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "h'" + HexFormat.of().formatHex(value) + "'";
    }
  }

  /** UTF-8 text string, major type 3. */
  record Text(String value) implements Cbor {
    public Text {
      Objects.requireNonNull(value, "text");
    }
  }

  /** Array of definite length, major type 4. */
  record Array(List<Cbor> items) implements Cbor {
    public Array {
      items = List.copyOf(items);
    }

    public int size() {
      return items.size();
    }

    public Cbor get(int index) {
      return items.get(index);
    }
  }

  /**
   * Map of definite length, major type 5, keys {@link Int} or {@link Text}, entries held in
   * deterministic (bytewise encoded-key) order. Duplicate keys are rejected on construction.
   */
  final class Map implements Cbor {
    private final java.util.Map<Cbor, Cbor> entries;

    private Map(java.util.Map<Cbor, Cbor> sortedEntries) {
      this.entries = Collections.unmodifiableMap(sortedEntries);
    }

    public static Map of(java.util.Map<? extends Cbor, ? extends Cbor> entries) {
      List<java.util.Map.Entry<? extends Cbor, ? extends Cbor>> list = new ArrayList<>(entries.entrySet());
      list.forEach(e -> checkKey(e.getKey()));
      list.sort((a, b) -> KeyOrder.compare(a.getKey(), b.getKey()));
      LinkedHashMap<Cbor, Cbor> sorted = new LinkedHashMap<>();
      for (var e : list) {
        sorted.put(e.getKey(), Objects.requireNonNull(e.getValue(), () -> "value of key " + e.getKey()));
      }
      return new Map(sorted);
    }

    public static Map empty() {
      return new Map(new LinkedHashMap<>());
    }

    /** Entries already known to be in canonical order and free of duplicates (the decoder). */
    static Map ofCanonical(LinkedHashMap<Cbor, Cbor> sortedEntries) {
      return new Map(sortedEntries);
    }

    private static void checkKey(Cbor key) {
      if (!(key instanceof Int) && !(key instanceof Text)) {
        throw new IllegalArgumentException("map keys must be integers or text, got " + key);
      }
    }

    public java.util.Map<Cbor, Cbor> entries() {
      return entries;
    }

    public int size() {
      return entries.size();
    }

    public Optional<Cbor> get(long key) {
      return Optional.ofNullable(entries.get(new Int(key)));
    }

    public Optional<Cbor> get(String key) {
      return Optional.ofNullable(entries.get(new Text(key)));
    }

    @Override
    public boolean equals(Object o) {
      // Entry order is a function of the keys, so map equality is order-insensitive equality.
      return o instanceof Map m && entries.equals(m.entries);
    }

    @Override
    public int hashCode() {
      return entries.hashCode();
    }

    @Override
    public String toString() {
      return CborDiagnostic.format(this);
    }
  }

  /** Tagged item, major type 6. */
  record Tagged(long tag, Cbor content) implements Cbor {
    public Tagged {
      if (tag < 0 || tag > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("tag number must be in 0..2^31-1: " + tag);
      }
      Objects.requireNonNull(content, "content");
    }
  }

  /** The simple values false and true. */
  enum Bool implements Cbor {
    FALSE, TRUE;

    public boolean value() {
      return this == TRUE;
    }
  }

  /** The simple value null. */
  enum Null implements Cbor {
    NULL
  }

  /**
   * RFC 8949 §4.2.1 key order: bytewise lexicographic order of the deterministic encodings.
   * For our key types that is: non-negative integers ascending, then negative integers from -1
   * downwards, then text by encoded length and then bytes.
   */
  final class KeyOrder {
    private KeyOrder() {
    }

    static int compare(Cbor a, Cbor b) {
      int rank = Integer.compare(rank(a), rank(b));
      if (rank != 0) {
        return rank;
      }
      if (a instanceof Int x && b instanceof Int y) {
        return x.value() >= 0 ? Long.compare(x.value(), y.value()) : Long.compare(y.value(), x.value());
      }
      byte[] x = ((Text) a).value().getBytes(StandardCharsets.UTF_8);
      byte[] y = ((Text) b).value().getBytes(StandardCharsets.UTF_8);
      int length = Integer.compare(x.length, y.length);
      return length != 0 ? length : Arrays.compareUnsigned(x, y);
    }

    private static int rank(Cbor key) {
      if (key instanceof Int i) {
        return i.value() >= 0 ? 0 : 1;
      }
      return 2;
    }
  }
}

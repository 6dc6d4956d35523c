package io.packpass.core.cbor;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware reading of a decoded CBOR map with integer keys: every missing field, wrong
 * type or unknown key becomes a {@link CborException} that names the field's path, e.g.
 * {@code CBOR at $.3.1: expected integer, found text string}.
 */
public final class CborFields {
  private final Cbor.Map map;
  private final String path;

  private CborFields(Cbor.Map map, String path) {
    this.map = map;
    this.path = path;
  }

  /** Reads {@code item} (found at {@code path}) as a map. */
  public static CborFields of(Cbor item, String path) {
    return new CborFields(expect(item, Cbor.Map.class, path), path);
  }

  public String path() {
    return path;
  }

  public String pathOf(long key) {
    return path + "." + key;
  }

  public boolean has(long key) {
    return map.get(key).isPresent();
  }

  public Cbor require(long key) {
    return map.get(key).orElseThrow(() -> new CborException(pathOf(key), "required field is missing"));
  }

  /** The field if present. An explicit null is not "absent": PackPass never writes one, so it fails the type check. */
  public Optional<Cbor> optional(long key) {
    return map.get(key);
  }

  public long requireInt(long key) {
    return expect(require(key), Cbor.Int.class, pathOf(key)).value();
  }

  /** An integer that must lie in [min, max], with the unit named in the error. */
  public long requireInt(long key, long min, long max) {
    return checkRange(requireInt(key), min, max, key);
  }

  public Optional<Long> optionalInt(long key) {
    return optional(key).map(v -> expect(v, Cbor.Int.class, pathOf(key)).value());
  }

  public Optional<Long> optionalInt(long key, long min, long max) {
    return optionalInt(key).map(v -> checkRange(v, min, max, key));
  }

  public String requireText(long key, int maxLength) {
    return checkLength(expect(require(key), Cbor.Text.class, pathOf(key)).value(), maxLength, key);
  }

  public Optional<String> optionalText(long key, int maxLength) {
    return optional(key).map(v -> checkLength(expect(v, Cbor.Text.class, pathOf(key)).value(), maxLength, key));
  }

  public byte[] requireBytes(long key) {
    return expect(require(key), Cbor.Bytes.class, pathOf(key)).value();
  }

  public byte[] requireBytes(long key, int exactLength) {
    byte[] value = requireBytes(key);
    if (value.length != exactLength) {
      throw new CborException(pathOf(key), "expected " + exactLength + " bytes, found " + value.length);
    }
    return value;
  }

  public Optional<byte[]> optionalBytes(long key) {
    return optional(key).map(v -> expect(v, Cbor.Bytes.class, pathOf(key)).value());
  }

  public boolean optionalBool(long key, boolean absent) {
    return optional(key).map(v -> expect(v, Cbor.Bool.class, pathOf(key)).value()).orElse(absent);
  }

  public CborFields requireMap(long key) {
    return of(require(key), pathOf(key));
  }

  public Optional<CborFields> optionalMap(long key) {
    return optional(key).map(v -> of(v, pathOf(key)));
  }

  public Cbor.Array requireArray(long key) {
    return expect(require(key), Cbor.Array.class, pathOf(key));
  }

  public Optional<Cbor.Array> optionalArray(long key) {
    return optional(key).map(v -> expect(v, Cbor.Array.class, pathOf(key)));
  }

  /** Rejects keys outside {@code known}: a signed document with fields nobody reads is suspect. */
  public CborFields rejectUnknown(Set<Long> known) {
    Set<String> unknown = new TreeSet<>();
    for (Cbor key : map.entries().keySet()) {
      if (!(key instanceof Cbor.Int i) || !known.contains(i.value())) {
        unknown.add(CborDiagnostic.format(key));
      }
    }
    if (!unknown.isEmpty()) {
      throw new CborException(path, "unknown field(s) " + String.join(", ", unknown));
    }
    return this;
  }

  /** Type check with the path in the message. */
  public static <T extends Cbor> T expect(Cbor item, Class<T> type, String path) {
    if (!type.isInstance(item)) {
      throw new CborException(path, "expected " + typeName(type) + ", found " + CborDecoder.typeName(item));
    }
    return type.cast(item);
  }

  private long checkRange(long value, long min, long max, long key) {
    if (value < min || value > max) {
      throw new CborException(pathOf(key), "value " + value + " is outside [" + min + ", " + max + "]");
    }
    return value;
  }

  private String checkLength(String value, int maxLength, long key) {
    if (value.length() > maxLength) {
      throw new CborException(pathOf(key), "text of " + value.length() + " characters exceeds " + maxLength);
    }
    return value;
  }

  private static String typeName(Class<? extends Cbor> type) {
    if (type == Cbor.Int.class) {
      return "integer";
    } else if (type == Cbor.Bytes.class) {
      return "byte string";
    } else if (type == Cbor.Text.class) {
      return "text string";
    } else if (type == Cbor.Array.class) {
      return "array";
    } else if (type == Cbor.Map.class) {
      return "map";
    } else if (type == Cbor.Tagged.class) {
      return "tag";
    } else if (type == Cbor.Bool.class) {
      return "boolean";
    }
    return "null";
  }
}

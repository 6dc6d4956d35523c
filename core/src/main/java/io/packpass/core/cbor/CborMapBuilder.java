package io.packpass.core.cbor;

import java.util.HashMap;
import java.util.Optional;

/** Builds a {@link Cbor.Map} with integer keys; absent optionals are left out, not written as null. */
public final class CborMapBuilder {
  private final HashMap<Cbor, Cbor> entries = new HashMap<>();

  public static CborMapBuilder map() {
    return new CborMapBuilder();
  }

  public CborMapBuilder put(long key, Cbor value) {
    if (entries.put(new Cbor.Int(key), value) != null) {
      throw new IllegalArgumentException("key " + key + " written twice");
    }
    return this;
  }

  public CborMapBuilder put(long key, long value) {
    return put(key, new Cbor.Int(value));
  }

  public CborMapBuilder put(long key, String value) {
    return put(key, new Cbor.Text(value));
  }

  public CborMapBuilder put(long key, byte[] value) {
    return put(key, new Cbor.Bytes(value));
  }

  public CborMapBuilder putIfPresent(long key, Optional<? extends Cbor> value) {
    value.ifPresent(v -> put(key, v));
    return this;
  }

  public Cbor.Map build() {
    return Cbor.Map.of(entries);
  }
}

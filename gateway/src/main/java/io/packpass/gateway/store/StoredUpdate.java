package io.packpass.gateway.store;

import java.time.Instant;

/** One accepted device-chain update as stored: its place, kind code, signed time and exact bytes. */
public record StoredUpdate(long seq, int kind, Instant time, byte[] hash, byte[] cose) {
  public StoredUpdate {
    hash = hash.clone();
    cose = cose.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte[] cose() {
    return cose.clone();
  }
}

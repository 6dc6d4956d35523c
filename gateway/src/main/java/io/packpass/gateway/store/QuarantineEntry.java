package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Bytes that arrived but are not valid, kept as evidence with the reason. Never served as valid.
 *
 * @param receivedAt when they first arrived
 * @param repeats how often the same bytes arrived and were refused for the same reason (1 the first time)
 * @param bytes what arrived, exactly
 * @param passport, seq, hash what the bytes claim to be, when they could be parsed that far
 */
public record QuarantineEntry(long id, Instant receivedAt, long repeats, String source, QuarantineReason reason,
    String detail, Optional<PassportId> passport, OptionalLong seq, Optional<byte[]> hash, byte[] bytes) {

  /** Longest detail kept; the verifier's sentences are far shorter. */
  public static final int MAX_DETAIL = 1000;

  public QuarantineEntry {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    hash = hash.map(byte[]::clone);
    bytes = bytes.clone();
  }

  /** A new entry, as the verifier makes it. */
  public static QuarantineEntry of(Instant at, String source, QuarantineReason reason, String detail,
      Optional<PassportId> passport, OptionalLong seq, Optional<byte[]> hash, byte[] bytes) {
    return new QuarantineEntry(0, at, 1, source, reason, detail, passport, seq, hash, bytes);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public Optional<byte[]> hash() {
    return hash.map(byte[]::clone);
  }
}

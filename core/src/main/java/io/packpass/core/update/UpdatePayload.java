package io.packpass.core.update;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed content of an update (the COSE_Sign1 payload), in deterministic CBOR:
 * {@code {1: passport id, 2: seq, 3: prev, 4: time, 5: kind, 6: body, ? 7: nonce}}.
 *
 * @param seq 0 for the birth record, then exactly +1 per update
 * @param prev SHA-256 of the previous update's exact COSE bytes; 32 zero bytes for {@code seq} 0
 * @param time when the update was made, whole seconds
 * @param nonce a reader's freshness challenge echoed back (8 to 64 bytes), for on-demand reads
 */
public record UpdatePayload(PassportId passportId, long seq, byte[] prev, Instant time, UpdateKind kind,
    Cbor.Map body, Optional<byte[]> nonce) {

  public static final int HASH_LENGTH = 32;
  static final byte[] GENESIS = new byte[HASH_LENGTH];
  private static final Set<Long> KEYS = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);

  public UpdatePayload {
    Objects.requireNonNull(passportId, "passport id");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative: " + seq);
    }
    if (prev.length != HASH_LENGTH) {
      throw new IllegalArgumentException("prev must be a 32-byte SHA-256, got " + prev.length + " bytes");
    }
    prev = prev.clone();
    if (seq == 0 && !Arrays.equals(prev, GENESIS)) {
      throw new IllegalArgumentException("the birth record (seq 0) has 32 zero bytes as prev");
    }
    if ((seq == 0) != (kind == UpdateKind.BIRTH)) {
      throw new IllegalArgumentException("seq 0 is the birth record and only it: seq " + seq + " with kind " + kind);
    }
    if (time.getNano() != 0) {
      throw new IllegalArgumentException("update times are whole seconds");
    }
    Objects.requireNonNull(body, "body");
    nonce = nonce.map(byte[]::clone);
    nonce.ifPresent(n -> {
      if (n.length < 8 || n.length > 64) {
        throw new IllegalArgumentException("nonce must be 8 to 64 bytes, got " + n.length);
      }
    });
  }

  public static byte[] genesis() {
    return GENESIS.clone();
  }

  @Override
  public byte[] prev() {
    return prev.clone();
  }

  @Override
  public Optional<byte[]> nonce() {
    return nonce.map(byte[]::clone);
  }

  public Cbor.Map toCbor() {
    return CborMapBuilder.map()
        .put(1, passportId.elementString())
        .put(2, seq)
        .put(3, prev)
        .put(4, time.getEpochSecond())
        .put(5, kind.code())
        .put(6, body)
        .putIfPresent(7, nonce.map(Cbor::of))
        .build();
  }

  public byte[] encode() {
    return CborEncoder.encode(toCbor());
  }

  /** Strict decoding: deterministic encoding only, known keys only, types and ranges checked. */
  public static UpdatePayload decode(byte[] bytes, CborLimits limits) {
    CborFields f = CborFields.of(CborDecoder.decode(bytes, limits), "$").rejectUnknown(KEYS);
    PassportId id = Passport.passportId(f.require(1), f.pathOf(1));
    long seq = f.requireInt(2, 0, Long.MAX_VALUE);
    byte[] prev = f.requireBytes(3, HASH_LENGTH);
    Instant time = Instant.ofEpochSecond(f.requireInt(4, 0, 253402300799L));
    long kindCode = f.requireInt(5);
    Cbor.Map body = CborFields.expect(f.require(6), Cbor.Map.class, f.pathOf(6));
    Optional<byte[]> nonce = f.optionalBytes(7);
    try {
      return new UpdatePayload(id, seq, prev, time, UpdateKind.fromCode(kindCode), body, nonce);
    } catch (IllegalArgumentException e) {
      throw new CborException("$", e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdatePayload p && passportId.equals(p.passportId) && seq == p.seq
        && Arrays.equals(prev, p.prev) && time.equals(p.time) && kind == p.kind && body.equals(p.body)
        && nonce.map(n -> p.nonce.isPresent() && Arrays.equals(n, p.nonce.get())).orElse(p.nonce.isEmpty());
  }

  @Override
  public int hashCode() {
    return Objects.hash(passportId, seq, Arrays.hashCode(prev), time, kind, body);
  }

  @Override
  public String toString() {
    return "UpdatePayload[" + passportId + " seq " + seq + " " + kind + " at " + time + ", prev "
        + HexFormat.of().formatHex(prev, 0, 8) + "...]";
  }
}

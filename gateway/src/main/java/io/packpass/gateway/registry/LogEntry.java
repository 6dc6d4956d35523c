package io.packpass.gateway.registry;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.Signer;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a passport's registry log (docs/registry.md): a COSE_Sign1 (tag 18, protected
 * {@code {1: alg, 4: kid, 33: x5chain}}) signed by the actor's role certificate, whose payload is
 * deterministic CBOR:
 *
 * <pre>
 * {1: passport id, 2: seq, 3: prev, 4: time, 5: kind, 6: body, 7: [basis seq, basis hash],
 *  ? 8: evidence (COSE bytes of the fresh signed reading a decision used), ? 9: responsible party}
 * </pre>
 *
 * The log has its own seq (0, 1, 2, ...) and prev (SHA-256 of the previous entry's COSE bytes, 32
 * zero bytes for seq 0); {@code basis} names the device-chain update (seq and hash) the entry was
 * made against. Parsing checks structure only; {@link LogVerifier} judges signer and place.
 */
public final class LogEntry {
  public static final int HASH_LENGTH = 32;
  /** An entry with its evidence and certificate chain is a few kilobytes. */
  public static final CborLimits LIMITS = CborLimits.DEFAULT;
  private static final Set<Long> KEYS = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
  private static final byte[] GENESIS = new byte[HASH_LENGTH];

  private final CoseSign1 cose;
  private final Payload payload;
  private final KeyId kid;
  private final byte[] hash;

  /**
   * @param basisSeq, basisHash the device-chain update the entry was made against
   * @param evidence for decisions: the exact COSE bytes of the fresh reading (with the grader's nonce)
   * @param responsible for waste: the economic operator now responsible for the passport (Art. 77)
   */
  public record Payload(PassportId passportId, long seq, byte[] prev, Instant time, LogKind kind, Cbor.Map body,
      long basisSeq, byte[] basisHash, Optional<byte[]> evidence, Optional<String> responsible) {
    public Payload {
      Objects.requireNonNull(passportId, "passportId");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(body, "body");
      if (seq < 0 || basisSeq < 0) {
        throw new IllegalArgumentException("seq and basis seq must not be negative");
      }
      if (prev.length != HASH_LENGTH || basisHash.length != HASH_LENGTH) {
        throw new IllegalArgumentException("prev and basis hash are 32-byte SHA-256 values");
      }
      if (seq == 0 && !Arrays.equals(prev, GENESIS)) {
        throw new IllegalArgumentException("the first entry of a log (seq 0) has 32 zero bytes as prev");
      }
      if (time.getNano() != 0) {
        throw new IllegalArgumentException("entry times are whole seconds");
      }
      responsible.ifPresent(r -> {
        if (r.isBlank() || r.length() > 256) {
          throw new IllegalArgumentException("responsible party must be 1 to 256 characters");
        }
      });
      prev = prev.clone();
      basisHash = basisHash.clone();
      evidence = evidence.map(byte[]::clone);
    }

    @Override
    public byte[] prev() {
      return prev.clone();
    }

    @Override
    public byte[] basisHash() {
      return basisHash.clone();
    }

    @Override
    public Optional<byte[]> evidence() {
      return evidence.map(byte[]::clone);
    }

    public byte[] encode() {
      return CborEncoder.encode(CborMapBuilder.map()
          .put(1, passportId.elementString())
          .put(2, seq)
          .put(3, prev)
          .put(4, time.getEpochSecond())
          .put(5, kind.code())
          .put(6, body)
          .put(7, Cbor.array(Cbor.of(basisSeq), Cbor.of(basisHash)))
          .putIfPresent(8, evidence.map(Cbor::of))
          .putIfPresent(9, responsible.map(Cbor::of))
          .build());
    }

    static Payload decode(byte[] bytes) {
      CborFields f = CborFields.of(CborDecoder.decode(bytes, LIMITS), "$").rejectUnknown(KEYS);
      PassportId id = Passport.passportId(f.require(1), f.pathOf(1));
      long seq = f.requireInt(2, 0, Long.MAX_VALUE);
      byte[] prev = f.requireBytes(3, HASH_LENGTH);
      Instant time = Instant.ofEpochSecond(f.requireInt(4, 0, 253402300799L));
      long kind = f.requireInt(5);
      Cbor.Map body = CborFields.expect(f.require(6), Cbor.Map.class, f.pathOf(6));
      Cbor.Array basis = f.requireArray(7);
      if (basis.size() != 2) {
        throw new CborException(f.pathOf(7), "basis is [device seq, device hash]");
      }
      long basisSeq = CborFields.expect(basis.get(0), Cbor.Int.class, f.pathOf(7) + "[0]").value();
      byte[] basisHash = CborFields.expect(basis.get(1), Cbor.Bytes.class, f.pathOf(7) + "[1]").value();
      try {
        return new Payload(id, seq, prev, time, LogKind.fromCode(kind), body, basisSeq, basisHash,
            f.optionalBytes(8), f.optionalText(9, 256));
      } catch (IllegalArgumentException e) {
        throw new CborException("$", e.getMessage());
      }
    }
  }

  private LogEntry(CoseSign1 cose, Payload payload, KeyId kid) {
    this.cose = cose;
    this.payload = payload;
    this.kid = kid;
    this.hash = sha256(cose.encoded());
  }

  /** Signs with {@code signer}; its certificate chain (the actor's role certificate) goes into x5chain. */
  public static LogEntry sign(Signer signer, Payload payload) {
    if (signer.certificateChain().isEmpty()) {
      throw new IllegalArgumentException("a registry log entry carries its signer's certificate chain");
    }
    return new LogEntry(CoseSign1.sign(signer, payload.encode()), payload, signer.keyId());
  }

  /**
   * @throws LogFormatException when the bytes are not a well-formed entry (the message names the field)
   */
  public static LogEntry parse(byte[] bytes) {
    CoseSign1 cose;
    try {
      cose = CoseSign1.parse(bytes, LIMITS);
    } catch (CoseException e) {
      throw new LogFormatException(e.getMessage(), e);
    }
    if (!cose.algorithmIsProtected() || cose.protectedHeaders().get(CoseSign1.LABEL_KID).isEmpty()) {
      throw new LogFormatException("a log entry carries 'alg' and 'kid' in the protected header");
    }
    KeyId kid;
    try {
      cose.algorithm();
      kid = KeyId.of(cose.kid().orElseThrow());
      if (cose.certificateChain().isEmpty()) {
        throw new LogFormatException("a log entry carries its signer's certificate chain (x5chain)");
      }
    } catch (CoseException | IllegalArgumentException e) {
      throw new LogFormatException("entry header: " + e.getMessage(), e);
    }
    byte[] payload = cose.payload().orElseThrow(() -> new LogFormatException("entry payload must not be detached"));
    try {
      return new LogEntry(cose, Payload.decode(payload), kid);
    } catch (CborException e) {
      throw new LogFormatException("entry payload: " + e.getMessage(), e);
    }
  }

  public CoseSign1 cose() {
    return cose;
  }

  public Payload payload() {
    return payload;
  }

  public KeyId kid() {
    return kid;
  }

  /** SHA-256 of {@link #encoded()}: the next entry's prev. */
  public byte[] hash() {
    return hash.clone();
  }

  public byte[] encoded() {
    return cose.encoded();
  }

  public static byte[] genesis() {
    return GENESIS.clone();
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "LogEntry[" + payload.passportId() + " log seq " + payload.seq() + " " + payload.kind().id() + ", hash "
        + HexFormat.of().formatHex(hash, 0, 8) + "...]";
  }
}

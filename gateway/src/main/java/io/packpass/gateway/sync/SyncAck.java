package io.packpass.gateway.sync;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.id.PassportId;
import io.packpass.gateway.verify.IngestResult;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The registry's answer for one item of a sync batch (docs/sync.md). The answer to a batch is a CBOR
 * array with one ack per item, in the batch's order: {@code [* {1: status, ? 2: reason, 3: detail,
 * ? 4: passport id, ? 5: seq, ? 6: hash}]} with status 0 accepted, 1 duplicate, 2 rejected; reason
 * a {@code QuarantineReason} code (rejected only); passport id a GS1 element string; hash the SHA-256
 * of the item's bytes (32 bytes). The same as JSON when asked for with {@code Accept: application/json}.
 */
public record SyncAck(Status status, Optional<String> reason, String detail, Optional<PassportId> passport,
    OptionalLong seq, Optional<byte[]> hash) {

  public enum Status {
    ACCEPTED(0), DUPLICATE(1), REJECTED(2);

    private final int code;

    Status(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status fromCode(long code) {
      for (Status s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown ack status " + code);
    }

    /** Whether the registry holds the item (now or from before): the sender may forget it. */
    public boolean isHeld() {
      return this != REJECTED;
    }
  }

  /** Longest detail an ack carries; longer sentences are cut. */
  public static final int MAX_DETAIL = 1000;

  public SyncAck {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if ((status == Status.REJECTED) != reason.isPresent()) {
      throw new IllegalArgumentException("a reason goes with a rejection, and only with one");
    }
    detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    hash = hash.map(byte[]::clone);
  }

  @Override
  public Optional<byte[]> hash() {
    return hash.map(byte[]::clone);
  }

  public static SyncAck of(IngestResult result) {
    Status status = switch (result.status()) {
      case ACCEPTED -> Status.ACCEPTED;
      case DUPLICATE -> Status.DUPLICATE;
      case REJECTED -> Status.REJECTED;
    };
    return new SyncAck(status, result.reason().map(r -> r.code()), result.detail(), result.passport(), result.seq(),
        result.hash());
  }

  public static byte[] encode(List<SyncAck> acks) {
    List<Cbor> items = new ArrayList<>();
    for (SyncAck a : acks) {
      items.add(CborMapBuilder.map()
          .put(1, a.status.code())
          .putIfPresent(2, a.reason.map(Cbor::of))
          .put(3, a.detail)
          .putIfPresent(4, a.passport.map(p -> Cbor.of(p.elementString())))
          .putIfPresent(5, a.seq.isPresent() ? Optional.of(Cbor.of(a.seq.getAsLong())) : Optional.empty())
          .putIfPresent(6, a.hash.map(Cbor::of))
          .build());
    }
    return CborEncoder.encode(new Cbor.Array(items));
  }

  /**
   * @throws SyncFormatException when the bytes are not an ack list
   */
  public static List<SyncAck> decode(byte[] bytes, int maxItems) {
    try {
      Cbor root = CborDecoder.decode(bytes, CborLimits.DEFAULT.withMaxBytes(Math.max(1024, maxItems * 2048)));
      if (!(root instanceof Cbor.Array array)) {
        throw new SyncFormatException("the sync answer is not a CBOR array");
      }
      if (array.size() > maxItems) {
        throw new SyncFormatException("the sync answer has " + array.size() + " acks, more than " + maxItems);
      }
      List<SyncAck> out = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        CborFields f = CborFields.of(array.get(i), "$[" + i + "]").rejectUnknown(Set.of(1L, 2L, 3L, 4L, 5L, 6L));
        Optional<PassportId> passport = f.optionalText(4, 200).map(PassportId::parseElementString);
        Optional<Long> seq = f.optionalInt(5, 0, Long.MAX_VALUE);
        out.add(new SyncAck(Status.fromCode(f.requireInt(1)), f.optionalText(2, 40), f.requireText(3, MAX_DETAIL),
            passport, seq.map(OptionalLong::of).orElse(OptionalLong.empty()), f.optionalBytes(6)));
      }
      return out;
    } catch (CborException | IllegalArgumentException e) {
      throw new SyncFormatException("not a sync answer: " + e.getMessage());
    }
  }

  /** The JSON form: {@code {"items": [{"status": "accepted", "reason": ..., "detail": ..., "passport": ..., "seq": ..., "hash": hex}]}}. */
  public static Map<String, Object> toJson(List<SyncAck> acks) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (SyncAck a : acks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", a.status.id());
      a.reason.ifPresent(r -> m.put("reason", r));
      m.put("detail", a.detail);
      a.passport.ifPresent(p -> m.put("passport", p.elementString()));
      a.seq.ifPresent(s -> m.put("seq", s));
      a.hash.ifPresent(h -> m.put("hash", HexFormat.of().formatHex(h)));
      items.add(m);
    }
    return Map.of("items", items);
  }
}

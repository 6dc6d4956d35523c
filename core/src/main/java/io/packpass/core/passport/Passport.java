package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A battery passport: the model and item data signed at birth, folded together with every later
 * signed update (readings, events, status changes, decisions). Immutable; every component carries
 * its {@link Access} tier and {@link PassportView#forRole} cuts it down for a reader.
 *
 * <p>CBOR (see {@code docs/passport.cddl}): {@code {0: 1 (format version), 1: id, 2: model, 3: item,
 * ? 4: condition, ? 5: [* status-record], ? 6: [* negative-event], ? 7: [* decision],
 * ? 8: [* predecessor id], ? 9: [* successor id], ? 10: time of the latest update}}. Passport ids
 * are GS1 element strings, {@code (01)<gtin>(21)<serial>}.
 */
public record Passport(
    @Access(Tier.PUBLIC) PassportId id,
    @Access(Tier.PUBLIC) Model model,
    @Access(Tier.PUBLIC) Item item,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Condition> condition,
    @Access(Tier.LEGITIMATE_INTEREST) List<StatusRecord> statusHistory,
    @Access(Tier.LEGITIMATE_INTEREST) List<NegativeEvent> events,
    @Access(Tier.LEGITIMATE_INTEREST) List<Decision> decisions,
    @Access(Tier.LEGITIMATE_INTEREST) List<PassportId> predecessors,
    @Access(Tier.LEGITIMATE_INTEREST) List<PassportId> successors,
    @Access(Tier.PUBLIC) Optional<Instant> lastUpdate) {

  public static final int FORMAT_VERSION = 1;
  private static final Set<Long> KEYS = Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

  public Passport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(item, "item");
    statusHistory = List.copyOf(statusHistory);
    events = List.copyOf(events);
    decisions = List.copyOf(decisions);
    predecessors = List.copyOf(predecessors);
    successors = List.copyOf(successors);
  }

  /** A new passport as provisioning issues it: status {@code original}, nothing measured yet. */
  public static Passport born(PassportId id, Model model, Item item, Instant time, String manufacturer) {
    return new Passport(id, model, item, Optional.empty(),
        List.of(new StatusRecord(BatteryStatus.ORIGINAL, time, manufacturer)), List.of(), List.of(), List.of(),
        List.of(), Optional.of(time));
  }

  /** Current status; empty only in a view that may not see the status. */
  public Optional<StatusRecord> status() {
    return statusHistory.isEmpty() ? Optional.empty() : Optional.of(statusHistory.get(statusHistory.size() - 1));
  }

  public Cbor.Map toCbor() {
    CborMapBuilder b = CborMapBuilder.map()
        .put(0, FORMAT_VERSION)
        .put(1, id.elementString())
        .put(2, model.toCbor())
        .put(3, item.toCbor())
        .putIfPresent(4, condition.map(Condition::toCbor));
    Model.putList(b, 5, statusHistory.isEmpty(), () -> PassportCbor.list(statusHistory, StatusRecord::toCbor));
    Model.putList(b, 6, events.isEmpty(), () -> PassportCbor.list(events, NegativeEvent::toCbor));
    Model.putList(b, 7, decisions.isEmpty(), () -> PassportCbor.list(decisions, Decision::toCbor));
    Model.putList(b, 8, predecessors.isEmpty(), () -> PassportCbor.list(predecessors, p -> Cbor.of(p.elementString())));
    Model.putList(b, 9, successors.isEmpty(), () -> PassportCbor.list(successors, p -> Cbor.of(p.elementString())));
    b.putIfPresent(10, lastUpdate.map(PassportCbor::time));
    return b.build();
  }

  /** Deterministic CBOR bytes. */
  public byte[] encode() {
    return CborEncoder.encode(toCbor());
  }

  public static Passport decode(byte[] bytes) {
    return decode(bytes, CborLimits.DEFAULT);
  }

  public static Passport decode(byte[] bytes, CborLimits limits) {
    return fromCbor(CborDecoder.decode(bytes, limits), "$");
  }

  public static Passport fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(KEYS);
    long version = f.requireInt(0);
    if (version != FORMAT_VERSION) {
      throw new CborException(f.pathOf(0), "unsupported passport format version " + version);
    }
    return PassportCbor.construct(path, () -> new Passport(
        passportId(f.require(1), f.pathOf(1)),
        Model.fromCbor(f.require(2), f.pathOf(2)),
        Item.fromCbor(f.require(3), f.pathOf(3)),
        f.optional(4).map(v -> Condition.fromCbor(v, f.pathOf(4))),
        PassportCbor.list(f, 5, StatusRecord::fromCbor),
        PassportCbor.list(f, 6, NegativeEvent::fromCbor),
        PassportCbor.list(f, 7, Decision::fromCbor),
        PassportCbor.list(f, 8, Passport::passportId),
        PassportCbor.list(f, 9, Passport::passportId),
        PassportCbor.optionalTime(f, 10)));
  }

  /** Reads a passport id written as a GS1 element string. */
  public static PassportId passportId(Cbor item, String path) {
    String text = CborFields.expect(item, Cbor.Text.class, path).value();
    try {
      return PassportId.parseElementString(text);
    } catch (IdentifierException e) {
      throw new CborException(path, e.getMessage());
    }
  }
}

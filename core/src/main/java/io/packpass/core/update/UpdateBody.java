package io.packpass.core.update;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.StatusRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;

/** Builds and reads the body of each {@link UpdateKind}; the CBOR shapes are in {@code docs/passport.cddl}. */
public final class UpdateBody {
  private UpdateBody() {
  }

  public static Cbor.Map birth(Model model, Item item, List<PassportId> predecessors) {
    CborMapBuilder b = CborMapBuilder.map().put(1, model.toCbor()).put(2, item.toCbor());
    if (!predecessors.isEmpty()) {
      b.put(3, new Cbor.Array(predecessors.stream().<Cbor>map(p -> Cbor.of(p.elementString())).toList()));
    }
    return b.build();
  }

  public static Cbor.Map reading(Condition condition) {
    return (Cbor.Map) condition.toCbor();
  }

  public static Cbor.Map events(List<NegativeEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an event update carries at least one event");
    }
    return CborMapBuilder.map().put(1, new Cbor.Array(events.stream().map(NegativeEvent::toCbor).toList())).build();
  }

  public static Cbor.Map status(StatusRecord status, Optional<PassportId> successor) {
    return CborMapBuilder.map().put(1, status.toCbor())
        .putIfPresent(2, successor.map(s -> Cbor.of(s.elementString()))).build();
  }

  public static Cbor.Map decision(Decision decision) {
    return (Cbor.Map) decision.toCbor();
  }

  /** The passport as it stands after {@code update}; {@code current} is empty only for a birth record. */
  public static Passport apply(Optional<Passport> current, UpdatePayload update) {
    String path = "$.6";
    CborFields body = CborFields.of(update.body(), path);
    if (update.kind() == UpdateKind.BIRTH) {
      body.rejectUnknown(Set.of(1L, 2L, 3L));
      Model model = Model.fromCbor(body.require(1), body.pathOf(1));
      Item item = Item.fromCbor(body.require(2), body.pathOf(2));
      List<PassportId> predecessors = new ArrayList<>();
      body.optionalArray(3).ifPresent(a -> {
        for (int i = 0; i < a.size(); i++) {
          predecessors.add(Passport.passportId(a.get(i), body.pathOf(3) + "[" + i + "]"));
        }
      });
      Passport born = Passport.born(update.passportId(), model, item, update.time(), model.manufacturer().name());
      return new Passport(born.id(), model, item, Optional.empty(), born.statusHistory(), List.of(), List.of(),
          predecessors, List.of(), Optional.of(update.time()));
    }
    Passport passport = current.orElseThrow(() -> new IllegalStateException(
        "update seq " + update.seq() + " has no passport to apply to"));
    Optional<Instant> time = Optional.of(update.time());
    switch (update.kind()) {
      case READING: {
        Condition reading = Condition.fromCbor(update.body(), path);
        Condition merged = passport.condition().map(c -> c.mergedWith(reading)).orElse(reading);
        return with(passport, Optional.of(merged), passport.statusHistory(), passport.events(),
            passport.decisions(), passport.successors(), time);
      }
      case EVENT: {
        body.rejectUnknown(Set.of(1L));
        List<NegativeEvent> events = new ArrayList<>(passport.events());
        Cbor.Array array = body.requireArray(1);
        for (int i = 0; i < array.size(); i++) {
          events.add(NegativeEvent.fromCbor(array.get(i), body.pathOf(1) + "[" + i + "]"));
        }
        return with(passport, passport.condition(), passport.statusHistory(), events, passport.decisions(),
            passport.successors(), time);
      }
      case STATUS: {
        body.rejectUnknown(Set.of(1L, 2L));
        StatusRecord status = StatusRecord.fromCbor(body.require(1), body.pathOf(1));
        List<StatusRecord> history = new ArrayList<>(passport.statusHistory());
        history.add(status);
        List<PassportId> successors = new ArrayList<>(passport.successors());
        body.optional(2).ifPresent(s -> successors.add(Passport.passportId(s, body.pathOf(2))));
        if (status.status().needsNewPassport() && body.optional(2).isEmpty()) {
          throw new CborException(path, "status " + status.status().value()
              + " starts a new passport: the update must name the successor (Art. 77(7))");
        }
        return with(passport, passport.condition(), history, passport.events(), passport.decisions(), successors,
            time);
      }
      default: {
        List<Decision> decisions = new ArrayList<>(passport.decisions());
        decisions.add(Decision.fromCbor(update.body(), path));
        return with(passport, passport.condition(), passport.statusHistory(), passport.events(), decisions,
            passport.successors(), time);
      }
    }
  }

  private static Passport with(Passport p, Optional<Condition> condition, List<StatusRecord> history,
      List<NegativeEvent> events, List<Decision> decisions, List<PassportId> successors, Optional<Instant> time) {
    return new Passport(p.id(), p.model(), p.item(), condition, history, events, decisions, p.predecessors(),
        successors, time);
  }
}

package io.packpass.gateway.registry;

import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Role;
import io.packpass.gateway.actor.Actor;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The status lifecycle of Art. 77(7) and (8) and who may move a battery along it (docs/registry.md):
 *
 * <ul>
 *   <li>re-use (after repair or not) keeps the passport: original, re-used or waste (prepared for
 *       re-use) to re-used, by a repairer or grader;
 *   <li>repurposing and remanufacturing give the battery a new passport linked to this one: from
 *       original, re-used or waste, signed by a passport signer (the operator who places the battery
 *       on the market again issues the new birth record); this record is then succeeded;
 *   <li>waste moves the responsibility for the passport to the operator named in the entry: from
 *       original or re-used, by a recycler, dismantler or the owner (fleet);
 *   <li>recycling closes the passport (kept readable as history): only a waste battery, by a recycler;
 *   <li>grading decisions by a grader, at any status while the record is active.
 * </ul>
 *
 * Nothing is recorded on a succeeded or closed record, and no one declares {@code original}: a
 * passport is born with it.
 */
public final class Lifecycle {
  private static final Set<BatteryStatus> BEFORE_REUSE = EnumSet.of(BatteryStatus.ORIGINAL, BatteryStatus.RE_USED,
      BatteryStatus.WASTE);
  private static final Set<BatteryStatus> BEFORE_WASTE = EnumSet.of(BatteryStatus.ORIGINAL, BatteryStatus.RE_USED);

  private Lifecycle() {
  }

  /** The change a log entry asks for. */
  public sealed interface Change {
    record ToStatus(BatteryStatus status) implements Change {
    }

    record Recycled() implements Change {
    }

    record Decision() implements Change {
    }
  }

  /** Allowed (with the record state it leads to, if it changes), or refused with the reason. */
  public record Judgement(Optional<LogRefusal> refusal, String detail, Optional<RecordState> next) {
    static Judgement allowed(Optional<RecordState> next) {
      return new Judgement(Optional.empty(), "allowed", next);
    }

    static Judgement refused(LogRefusal why, String detail) {
      return new Judgement(Optional.of(why), detail, Optional.empty());
    }

    public boolean isAllowed() {
      return refusal.isEmpty();
    }
  }

  public static Judgement judge(RecordState state, BatteryStatus current, Change change, Actor actor) {
    if (state == RecordState.CLOSED) {
      return Judgement.refused(LogRefusal.ILLEGAL_TRANSITION, "the passport is closed: the battery was recycled;"
          + " it stays readable as history and nothing more is recorded (Art. 77(8))");
    }
    if (state == RecordState.SUCCEEDED) {
      return Judgement.refused(LogRefusal.ILLEGAL_TRANSITION, "the battery was repurposed or remanufactured and has"
          + " a new passport (Art. 77(7)); record changes on its successor");
    }
    if (change instanceof Change.Decision) {
      return actor.has(Role.GRADER) ? Judgement.allowed(Optional.empty())
          : notEntitled(actor, "grading decisions are signed by a grader");
    }
    if (change instanceof Change.Recycled) {
      if (!actor.has(Role.RECYCLER)) {
        return notEntitled(actor, "recycling is declared by a recycler");
      }
      if (current != BatteryStatus.WASTE) {
        return Judgement.refused(LogRefusal.ILLEGAL_TRANSITION, "only a waste battery is recycled: the status is "
            + current.value() + "; declare it waste first");
      }
      return Judgement.allowed(Optional.of(RecordState.CLOSED));
    }
    BatteryStatus target = ((Change.ToStatus) change).status();
    switch (target) {
      case ORIGINAL:
        return Judgement.refused(LogRefusal.ILLEGAL_TRANSITION, "no one declares 'original': a passport is born"
            + " with it");
      case RE_USED:
        if (!(actor.has(Role.REPAIRER) || actor.has(Role.GRADER))) {
          return notEntitled(actor, "re-use is declared by a repairer or a grader");
        }
        return from(current, target, BEFORE_REUSE, Optional.empty());
      case REPURPOSED:
      case REMANUFACTURED:
        if (!actor.passportSigner()) {
          return notEntitled(actor, target.value() + " gives the battery a new passport: it is declared by the"
              + " passport signer that issues the new birth record");
        }
        return from(current, target, BEFORE_REUSE, Optional.of(RecordState.SUCCEEDED));
      case WASTE:
        if (!(actor.has(Role.RECYCLER) || actor.has(Role.DISMANTLER) || actor.has(Role.FLEET))) {
          return notEntitled(actor, "waste is declared by a recycler, a dismantler or the owner (fleet)");
        }
        if (current == BatteryStatus.WASTE) {
          return Judgement.refused(LogRefusal.ILLEGAL_TRANSITION, "the battery is already waste");
        }
        return from(current, target, BEFORE_WASTE, Optional.empty());
      default:
        throw new IllegalStateException("unhandled status " + target);
    }
  }

  private static Judgement from(BatteryStatus current, BatteryStatus target, Set<BatteryStatus> allowedFrom,
      Optional<RecordState> next) {
    if (!allowedFrom.contains(current)) {
      return Judgement.refused(LogRefusal.ILLEGAL_TRANSITION, "a battery cannot go from " + current.value() + " to "
          + target.value());
    }
    return Judgement.allowed(next);
  }

  private static Judgement notEntitled(Actor actor, String rule) {
    return Judgement.refused(LogRefusal.NOT_ENTITLED, rule + "; " + actor.subject() + " signed as " + actor.roleId());
  }
}

package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A grading decision: where the battery goes next and why. Every rule that fired is listed with
 * its reason, and the rule-set version pins the rules used, so the decision can be re-checked.
 * It travels as the body of a {@code decision} update signed by the grader's key. Legitimate
 * interest.
 *
 * <p>CBOR: {@code {1: route, 2: grade, 3: [* reason], 4: rule-set, 5: grader, 6: time, ? 7: soh-cpct}}.
 */
public record Decision(
    @Access(Tier.LEGITIMATE_INTEREST) Route route,
    @Access(Tier.LEGITIMATE_INTEREST) String grade,
    @Access(Tier.LEGITIMATE_INTEREST) List<Reason> reasons,
    @Access(Tier.LEGITIMATE_INTEREST) String ruleSet,
    @Access(Tier.LEGITIMATE_INTEREST) String grader,
    @Access(Tier.LEGITIMATE_INTEREST) Instant time,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Long> stateOfHealthCpct) {

  public Decision {
    Objects.requireNonNull(route, "route");
    PassportCbor.requireText(grade, "grade", 16);
    reasons = List.copyOf(reasons);
    PassportCbor.requireText(ruleSet, "rule set", 64);
    PassportCbor.requireText(grader, "grader", PassportCbor.MAX_TEXT);
    Objects.requireNonNull(time, "time");
    stateOfHealthCpct.ifPresent(v -> PassportCbor.requireRange(v, "state of health", 0, 10_000));
  }

  /** A rule that fired: its id in the rule set and a sentence a person can read. CBOR: {1: rule, 2: text}. */
  public record Reason(
      @Access(Tier.LEGITIMATE_INTEREST) String rule,
      @Access(Tier.LEGITIMATE_INTEREST) String text) {

    public Reason {
      PassportCbor.requireText(rule, "rule id", 64);
      PassportCbor.requireText(text, "reason", PassportCbor.MAX_TEXT);
    }

    Cbor toCbor() {
      return CborMapBuilder.map().put(1, rule).put(2, text).build();
    }

    static Reason fromCbor(Cbor item, String path) {
      CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L));
      return PassportCbor.construct(path, () -> new Reason(f.requireText(1, 64), f.requireText(2, PassportCbor.MAX_TEXT)));
    }
  }

  public Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, route.code())
        .put(2, grade)
        .put(3, PassportCbor.list(reasons, Reason::toCbor))
        .put(4, ruleSet)
        .put(5, grader)
        .put(6, PassportCbor.time(time))
        .putIfPresent(7, stateOfHealthCpct.map(Cbor::of))
        .build();
  }

  public static Decision fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
    f.requireArray(3);
    return PassportCbor.construct(path, () -> new Decision(PassportCbor.code(f, 1, Route::fromCode),
        f.requireText(2, 16), PassportCbor.list(f, 3, Reason::fromCbor), f.requireText(4, 64),
        f.requireText(5, PassportCbor.MAX_TEXT), PassportCbor.time(f, 6), f.optionalInt(7, 0, 10_000)));
  }
}

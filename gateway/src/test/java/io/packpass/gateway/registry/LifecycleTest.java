package io.packpass.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Role;
import io.packpass.gateway.actor.Actor;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Art. 77(7)/(8) lifecycle as a table: record state, current status, change, signer -> outcome. */
class LifecycleTest {
  private static Actor actor(String who) {
    if (who.equals("passport-signer")) {
      return new Actor(Optional.empty(), true, "CN=Passport Signer");
    }
    return new Actor(Optional.of(Role.fromId(who)), false, "CN=" + who);
  }

  private static Lifecycle.Change change(String what) {
    return switch (what) {
      case "recycled" -> new Lifecycle.Change.Recycled();
      case "decision" -> new Lifecycle.Change.Decision();
      default -> new Lifecycle.Change.ToStatus(BatteryStatus.fromValue(what));
    };
  }

  @ParameterizedTest(name = "{0} {1} -> {2} by {3}: {4}")
  @CsvSource({
      // re-use and repair keep the passport
      "active, original, re-used, repairer, allowed, active",
      "active, original, re-used, grader, allowed, active",
      "active, re-used, re-used, repairer, allowed, active",
      "active, waste, re-used, repairer, allowed, active",
      "active, original, re-used, recycler, not-entitled, -",
      "active, original, re-used, fleet, not-entitled, -",
      // repurposing and remanufacturing: a new passport, this record is succeeded
      "active, original, repurposed, passport-signer, allowed, succeeded",
      "active, re-used, remanufactured, passport-signer, allowed, succeeded",
      "active, waste, repurposed, passport-signer, allowed, succeeded",
      "active, original, repurposed, grader, not-entitled, -",
      "active, original, remanufactured, repairer, not-entitled, -",
      // waste moves responsibility
      "active, original, waste, recycler, allowed, active",
      "active, re-used, waste, dismantler, allowed, active",
      "active, original, waste, fleet, allowed, active",
      "active, waste, waste, recycler, illegal-transition, -",
      "active, original, waste, grader, not-entitled, -",
      // recycling closes the passport, only from waste
      "active, waste, recycled, recycler, allowed, closed",
      "active, original, recycled, recycler, illegal-transition, -",
      "active, re-used, recycled, recycler, illegal-transition, -",
      "active, waste, recycled, dismantler, not-entitled, -",
      // nobody declares original
      "active, re-used, original, passport-signer, illegal-transition, -",
      "active, original, original, repairer, illegal-transition, -",
      // decisions by graders only
      "active, original, decision, grader, allowed, active",
      "active, waste, decision, grader, allowed, active",
      "active, original, decision, recycler, not-entitled, -",
      // nothing after the end
      "closed, waste, re-used, repairer, illegal-transition, -",
      "closed, waste, decision, grader, illegal-transition, -",
      "succeeded, repurposed, waste, recycler, illegal-transition, -",
      "succeeded, remanufactured, decision, grader, illegal-transition, -",
  })
  void transitions_are_allowed_or_refused_with_the_reason(String state, String current, String to, String who,
      String expected, String next) {
    Lifecycle.Judgement j = Lifecycle.judge(RecordState.fromId(state), BatteryStatus.fromValue(current), change(to),
        actor(who));
    if (expected.equals("allowed")) {
      assertThat(j.isAllowed()).as(j.detail()).isTrue();
      assertThat(j.next().orElse(RecordState.fromId(state))).isEqualTo(RecordState.fromId(next));
    } else {
      assertThat(j.refusal()).contains(LogRefusal.fromCode(expected));
      assertThat(j.detail()).isNotBlank();
    }
  }
}

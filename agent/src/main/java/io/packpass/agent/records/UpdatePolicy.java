package io.packpass.agent.records;

import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.estimate.EstimatorReport;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When the agent signs a reading (ARCHITECTURE.md §5, issue 5): periodically, on a significant change
 * of the state of health or state of charge, and at least once a day (Recital 46: SOH data kept up to
 * date). Decides from the estimator's report and the last signed reading; stateless otherwise.
 */
public final class UpdatePolicy {
  /** Why a reading is due, for the log. */
  public enum Reason {
    FIRST, PERIODIC, DAILY, SOH_CHANGE, SOC_CHANGE
  }

  private final AgentConfig.Updates settings;

  public UpdatePolicy(AgentConfig.Updates settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Whether to sign a reading now.
   *
   * @param now the agent's clock
   * @param report the estimator's current report
   * @param last the condition and time of the last signed reading, if there was one
   */
  public Optional<Reason> due(Instant now, EstimatorReport report, Optional<Condition> last, Optional<Instant> lastTime) {
    if (report.condition().values().isEmpty()) {
      return Optional.empty(); // nothing measured yet: an empty reading says nothing
    }
    if (last.isEmpty() || lastTime.isEmpty()) {
      return Optional.of(Reason.FIRST);
    }
    Duration since = Duration.between(lastTime.get(), now);
    if (since.compareTo(settings.atLeastEvery()) >= 0) {
      return Optional.of(Reason.DAILY);
    }
    if (since.compareTo(settings.every()) >= 0) {
      return Optional.of(Reason.PERIODIC);
    }
    if (moved(report.condition(), last.get(), Quantity.STATE_OF_HEALTH, settings.sohChangeCpct())) {
      return Optional.of(Reason.SOH_CHANGE);
    }
    if (moved(report.condition(), last.get(), Quantity.STATE_OF_CHARGE, settings.socChangeCpct())) {
      return Optional.of(Reason.SOC_CHANGE);
    }
    return Optional.empty();
  }

  private static boolean moved(Condition now, Condition then, Quantity q, long threshold) {
    Optional<Measured> a = now.get(q);
    Optional<Measured> b = then.get(q);
    if (a.isEmpty()) {
      return false;
    }
    return b.isEmpty() || Math.abs(a.get().value() - b.get().value()) >= threshold;
  }
}

package io.packpass.gateway.grading;

import io.packpass.core.passport.Route;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the rule chain: the route and grade, every rule in the chain with whether it fired
 * and the data it used.
 */
public record GradingResult(String ruleSet, Route route, String grade, Optional<Long> sohCpct, List<Finding> findings) {
  public GradingResult {
    findings = List.copyOf(findings);
  }

  /**
   * One rule's verdict.
   *
   * @param fired whether it limited the outcome
   * @param cap the best route it still allows when it fired
   * @param gradeCap the best grade it still allows when it fired
   * @param text the rule and the data it used, for people
   */
  public record Finding(String rule, boolean fired, Optional<Route> cap, Optional<String> gradeCap, String text) {
  }

  public List<Finding> fired() {
    return findings.stream().filter(Finding::fired).toList();
  }
}

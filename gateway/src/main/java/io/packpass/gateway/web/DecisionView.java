package io.packpass.gateway.web;

import java.util.List;

/** A grading decision as the page lists it: route and grade in words, every rule that fired. */
public record DecisionView(String route, String grade, String time, String grader, String ruleSet, String soh,
    List<Fact> reasons) {
  public DecisionView {
    reasons = List.copyOf(reasons);
  }
}

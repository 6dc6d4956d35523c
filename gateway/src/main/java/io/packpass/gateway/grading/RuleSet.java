package io.packpass.gateway.grading;

import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import java.util.Map;
import java.util.Objects;

/** A versioned grading rule file, resolved for every category and chemistry at load ({@link RuleSetLoader}). */
public record RuleSet(String name, String version, Map<Category, Map<Chemistry, Thresholds>> thresholds) {
  public RuleSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    thresholds = Map.copyOf(thresholds);
  }

  /** {@code name/version}, as decisions record it. */
  public String id() {
    return name + "/" + version;
  }

  public Thresholds thresholds(Category category, Chemistry chemistry) {
    return thresholds.get(category).get(chemistry);
  }
}

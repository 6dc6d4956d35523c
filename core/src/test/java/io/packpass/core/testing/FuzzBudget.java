package io.packpass.core.testing;

/**
 * How long each fuzz target fuzzes under {@code -Pinterop} (docs/reliability.md). The default build
 * only replays the committed seeds; longer runs are started by hand and recorded in the doc.
 */
public final class FuzzBudget {
  /** Per target in CI: every target of the project together must stay well under five minutes. */
  public static final String CI = "8s";

  private FuzzBudget() {
  }
}

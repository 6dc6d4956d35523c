package io.packpass.gateway.testing;

/**
 * How long each fuzz target fuzzes under {@code -Pinterop} (docs/reliability.md; the same budget as
 * core's and the agent's). The default build only replays the committed seeds.
 */
public final class FuzzBudget {
  /** Per target in CI: every target of the project together must stay well under five minutes. */
  public static final String CI = "8s";

  private FuzzBudget() {
  }
}

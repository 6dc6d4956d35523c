package io.packpass.gateway.web;

import java.util.List;

/**
 * A role-gated part of the page. For a reader who may not see it, {@code facts} is empty (the page
 * builder takes facts only from the role's view) and the page says who may.
 */
public record Section(String id, String title, boolean visible, List<Fact> facts, String emptyText) {
  public Section {
    facts = List.copyOf(facts);
  }
}

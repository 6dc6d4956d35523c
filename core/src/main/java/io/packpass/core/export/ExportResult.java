package io.packpass.core.export;

import java.util.List;
import java.util.Objects;

/**
 * An export and what it could not carry. When {@link #missing()} is empty the JSON holds every
 * field the target schema requires; otherwise those fields are left out (never filled with
 * made-up values) and the JSON is a partial view, as it is for a reader without access to the
 * legitimate-interest tier.
 *
 * @param target the target schema, e.g. {@code Catena-X battery_pass 6.1.0}
 * @param json the document, UTF-8 JSON text
 * @param issues missing fields and rounded values, in document order
 */
public record ExportResult(String target, String json, List<ExportIssue> issues) {

  public ExportResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(json, "json");
    issues = List.copyOf(issues);
  }

  /** Required fields the export had to leave out. */
  public List<ExportIssue> missing() {
    return issues.stream().filter(i -> i.kind() == ExportIssue.Kind.MISSING).toList();
  }

  /** Values written with less precision than the passport holds. */
  public List<ExportIssue> rounded() {
    return issues.stream().filter(i -> i.kind() == ExportIssue.Kind.ROUNDED).toList();
  }

  /** Whether every field the target requires is present. */
  public boolean isComplete() {
    return missing().isEmpty();
  }

  /** The JSON if complete. @throws ExportException naming every missing field otherwise */
  public String requireComplete() {
    if (!isComplete()) {
      throw new ExportException(target, missing());
    }
    return json;
  }
}

package io.packpass.core.export;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A complete export was asked for, but the target requires fields that neither the passport (as
 * the caller's view shows it) nor the {@link ExportContext} supplies. The message names every
 * missing field with its path in the target document and the passport or context field it would
 * come from.
 */
public class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final transient List<ExportIssue> missing;

  public ExportException(String target, List<ExportIssue> missing) {
    super(target + ": " + missing.size() + " required field" + (missing.size() == 1 ? "" : "s")
        + " cannot be filled: " + missing.stream().map(ExportIssue::toString).collect(Collectors.joining("; ")));
    this.target = target;
    this.missing = List.copyOf(missing);
  }

  public String target() {
    return target;
  }

  /** The required fields left out, each with its target path and source. */
  public List<ExportIssue> missing() {
    return missing;
  }
}

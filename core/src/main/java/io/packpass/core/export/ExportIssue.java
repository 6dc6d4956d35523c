package io.packpass.core.export;

import java.util.Objects;

/**
 * Something an export could not write as the passport holds it.
 *
 * @param kind {@link Kind#MISSING}: the target requires the field and neither the passport (as this
 *     reader sees it) nor the {@link ExportContext} supplies it, so the field is left out and the
 *     document does not validate; {@link Kind#ROUNDED}: the target only takes a coarser unit and the
 *     value was rounded
 * @param path the field in the target document, dot-separated, e.g. {@code metadata.economicOperatorId}
 * @param source where the value would come from, e.g. {@code Passport.statusHistory} or
 *     {@code ExportContext.backupReference}
 * @param detail why it is missing, or the exact value that was rounded
 */
public record ExportIssue(Kind kind, String path, String source, String detail) {

  public enum Kind {
    MISSING,
    ROUNDED
  }

  public ExportIssue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return path + " <- " + source + ": " + detail;
  }
}

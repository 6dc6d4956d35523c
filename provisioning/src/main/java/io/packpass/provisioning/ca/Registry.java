package io.packpass.provisioning.ca;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The list of issued certificates ({@code registry.csv}), read whole and written whole and atomically. */
final class Registry {
  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema SCHEMA = CSV.schemaFor(Row.class).withHeader().withColumnReordering(true);

  /** One CSV line; empty strings where a revocation is absent. */
  @com.fasterxml.jackson.annotation.JsonPropertyOrder({"serial", "kind", "subject", "kid", "notAfter", "revokedAt", "reason"})
  static final class Row {
    public String serial;
    public String kind;
    public String subject;
    public String kid;
    public String notAfter;
    public String revokedAt;
    public String reason;
  }

  private Registry() {
  }

  static List<RegistryEntry> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<RegistryEntry> entries = new ArrayList<>();
    try (MappingIterator<Row> rows = CSV.readerFor(Row.class).with(SCHEMA).readValues(file.toFile())) {
      while (rows.hasNext()) {
        Row row = rows.next();
        boolean revoked = row.revokedAt != null && !row.revokedAt.isEmpty();
        entries.add(new RegistryEntry(new BigInteger(row.serial, 16), RegistryEntry.Kind.fromId(row.kind),
            row.subject, row.kid, Instant.parse(row.notAfter),
            revoked ? Optional.of(Instant.parse(row.revokedAt)) : Optional.empty(),
            revoked ? Optional.of(RevocationReason.fromId(row.reason)) : Optional.empty()));
      }
    } catch (IOException | RuntimeException e) {
      throw new ProvisioningException("cannot read the certificate registry " + file + ": " + e.getMessage(), e);
    }
    return entries;
  }

  static void write(Path file, List<RegistryEntry> entries) {
    List<Row> rows = new ArrayList<>();
    for (RegistryEntry entry : entries) {
      Row row = new Row();
      row.serial = entry.serialHex();
      row.kind = entry.kind().id();
      row.subject = entry.subject();
      row.kid = entry.kid();
      row.notAfter = entry.notAfter().toString();
      row.revokedAt = entry.revokedAt().map(Instant::toString).orElse("");
      row.reason = entry.reason().map(RevocationReason::id).orElse("");
      rows.add(row);
    }
    try {
      AtomicFiles.writePrivate(file, CSV.writer(SCHEMA).writeValueAsString(rows).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the certificate registry", e);
    }
  }
}

package io.packpass.provisioning.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.passport.Item;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The items CSV: one row per pack, UTF-8, a header naming the columns. Every row is checked and
 * every problem is kept with its line number, so an operator fixes a whole file in one go.
 *
 * <p>Columns: {@code gtin}, {@code serial}, {@code manufacturing_date} (required);
 * {@code manufacturing_place}, {@code batch}, {@code put_into_service}, {@code cell_count},
 * {@code cell_layout}, {@code part_numbers} (separated by {@code ;}), {@code facility} (optional;
 * empty means the model file's default).
 */
public final class ItemsFile {
  public static final List<String> REQUIRED = List.of("gtin", "serial", "manufacturing_date");
  public static final List<String> OPTIONAL = List.of("manufacturing_place", "batch", "put_into_service", "cell_count",
      "cell_layout", "part_numbers", "facility");
  /** 64 MiB: about half a million rows; a larger batch should be split. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  /** A valid row: the pack's passport id and item data, and where it came from. */
  public record Row(int line, PassportId id, Item item) {
  }

  /** A row that cannot become a passport, and why. */
  public record Reject(int line, String serial, String reason) {
  }

  /** The outcome of reading the file: valid rows and rejects, both in file order. */
  public record Result(List<Row> rows, List<Reject> rejects) {
  }

  private ItemsFile() {
  }

  public static Result read(Path file, ModelFile.ItemDefaults defaults, LocalDate today) {
    String name = file.getFileName().toString();
    String text = utf8(file, name);
    List<Map<String, String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      checkHeader(((CsvSchema) it.getParserSchema()).getColumnNames(), name);
      while (it.hasNextValue()) {
        Map<String, String> record = it.nextValue();
        // The location of the record's first token is the line the record starts on.
        lines.add(it.getParser().currentTokenLocation().getLineNr());
        records.add(record);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProvisioningException p) {
        throw p;
      }
      throw new ProvisioningException(name + ": not a readable CSV file: " + e.getMessage(), e);
    }
    return validate(records, lines, defaults, today);
  }

  private static Result validate(List<Map<String, String>> records, List<Integer> lines,
      ModelFile.ItemDefaults defaults, LocalDate today) {
    List<Row> rows = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    Map<PassportId, Integer> seen = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, String> record = records.get(i);
      // The header is line 1, so the n-th record sits on line n + 1 (unless quoted fields span lines).
      int line = i < lines.size() && lines.get(i) > 1 ? lines.get(i) : i + 2;
      String serial = value(record, "serial").orElse("");
      List<String> problems = new ArrayList<>();
      PassportId id = null;
      try {
        id = new PassportId(Gtin.parse(value(record, "gtin").orElse("")), new Serial(serial));
      } catch (IdentifierException e) {
        problems.add(e.getMessage());
      }
      Optional<LocalDate> made = date(record, "manufacturing_date", problems);
      if (value(record, "manufacturing_date").isEmpty()) {
        problems.add("manufacturing_date is required");
      }
      made.filter(d -> d.isAfter(today)).ifPresent(d -> problems.add("manufacturing_date " + d + " is in the future"));
      Optional<LocalDate> inService = date(record, "put_into_service", problems);
      if (made.isPresent() && inService.isPresent() && inService.get().isBefore(made.get())) {
        problems.add("put_into_service " + inService.get() + " is before manufacturing_date " + made.get());
      }
      Optional<Long> cells = value(record, "cell_count").map(c -> parseCount(c, problems));
      if (id != null && seen.containsKey(id)) {
        problems.add("duplicate of line " + seen.get(id) + " (" + id.elementString() + ")");
      }
      if (!problems.isEmpty()) {
        rejects.add(new Reject(line, serial, String.join("; ", problems)));
        continue;
      }
      seen.put(id, line);
      try {
        Item item = new Item(made.get(), value(record, "manufacturing_place").orElse(defaults.manufacturingPlace()),
            value(record, "batch"), defaults.economicOperator(), inService,
            cells.isPresent() ? cells : defaults.cellCount(),
            value(record, "cell_layout").or(defaults::cellLayout),
            value(record, "part_numbers").map(p -> Arrays.stream(p.split(";")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of()),
            value(record, "facility").or(defaults::facilityIdentifier));
        rows.add(new Row(line, id, item));
      } catch (IllegalArgumentException e) {
        rejects.add(new Reject(line, serial, e.getMessage()));
      }
    }
    return new Result(List.copyOf(rows), List.copyOf(rejects));
  }

  private static void checkHeader(List<String> columns, String name) {
    Set<String> header = new LinkedHashSet<>(columns);
    List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
    List<String> unknown = header.stream().filter(c -> !REQUIRED.contains(c) && !OPTIONAL.contains(c)).toList();
    if (!missing.isEmpty() || !unknown.isEmpty() || header.size() != columns.size()) {
      List<String> problems = new ArrayList<>();
      if (!missing.isEmpty()) {
        problems.add("missing column(s) " + String.join(", ", missing));
      }
      if (!unknown.isEmpty()) {
        problems.add("unknown column(s) " + String.join(", ", unknown));
      }
      if (header.size() != columns.size()) {
        problems.add("a column is named twice");
      }
      throw new ProvisioningException(name + ": header line 1: " + String.join("; ", problems) + " (columns: "
          + String.join(", ", REQUIRED) + ", optional " + String.join(", ", OPTIONAL) + ")");
    }
  }

  private static Optional<String> value(Map<String, String> record, String column) {
    String value = record.get(column);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<LocalDate> date(Map<String, String> record, String column, List<String> problems) {
    Optional<String> text = value(record, column);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.get()));
    } catch (DateTimeParseException e) {
      problems.add(column + " '" + text.get() + "' is not a date (YYYY-MM-DD)");
      return Optional.empty();
    }
  }

  private static Long parseCount(String text, List<String> problems) {
    try {
      long count = Long.parseLong(text);
      if (count >= 1) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("cell_count '" + text + "' is not a positive whole number");
    return null;
  }

  /** Strict UTF-8: a stray Latin-1 byte is reported with its line instead of becoming U+FFFD. */
  private static String utf8(Path file, String name) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ProvisioningException(name + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB; split the batch");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage(), e);
    }
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      String text = decoder.decode(buffer).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      // 0x0A never occurs inside a UTF-8 sequence, so decoding line by line finds the bad line.
      int line = 1;
      int from = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i == bytes.length || bytes[i] == '\n') {
          try {
            decoder.reset().decode(ByteBuffer.wrap(bytes, from, i - from));
          } catch (CharacterCodingException bad) {
            break;
          }
          line++;
          from = i + 1;
        }
      }
      throw new ProvisioningException(name + ": line " + line + ": not valid UTF-8 (save the file as UTF-8)");
    }
  }
}

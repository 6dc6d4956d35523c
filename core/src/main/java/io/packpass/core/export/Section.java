package io.packpass.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.packpass.core.export.Normalisation.Rounded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object of an export under construction: its path in the target document, its fields in
 * insertion order, and the export's shared list of {@link ExportIssue}s. A required field without a
 * value is left out and recorded, so the writer never has to invent one.
 *
 * <p>Field values are {@link String}, {@link Boolean}, {@link Long}, {@link Integer},
 * {@link BigDecimal} (written in plain notation), a nested {@code Section}, a {@link Map} with
 * string keys (see {@link #object}) or a {@link List} of those.
 */
final class Section {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private final String path;
  private final List<ExportIssue> issues;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private Section(String path, List<ExportIssue> issues) {
    this.path = path;
    this.issues = issues;
  }

  static Section root(String path, List<ExportIssue> issues) {
    return new Section(path, issues);
  }

  /** An ordered JSON object from name/value pairs, for small leaf objects. */
  static Map<String, Object> object(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A nested object, placed now so that field order follows the calls. */
  Section section(String name) {
    Section child = new Section(pathOf(name), issues);
    fields.put(name, child);
    return child;
  }

  Section put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  Section putIfPresent(String name, Optional<?> value) {
    value.ifPresent(v -> fields.put(name, v));
    return this;
  }

  /** A field the target requires; if absent it is recorded as coming from the passport. */
  Section require(String name, Optional<?> value, String source) {
    return require(name, value, source, "not in the passport or not visible to this reader");
  }

  /** A field the target requires; if absent it is recorded with {@code detail}. */
  Section require(String name, Optional<?> value, String source, String detail) {
    if (value.isPresent()) {
      fields.put(name, value.get());
    } else {
      missing(name, source, detail);
    }
    return this;
  }

  void missing(String name, String source, String detail) {
    issues.add(new ExportIssue(ExportIssue.Kind.MISSING, pathOf(name), source, detail));
  }

  /**
   * The rounded value to write at {@code fieldPath} (relative to this object); records the rounding
   * unless it kept the value.
   */
  long whole(String fieldPath, Rounded rounded, String source) {
    if (!rounded.isExact()) {
      issues.add(new ExportIssue(ExportIssue.Kind.ROUNDED, pathOf(fieldPath), source,
          rounded.exact().toPlainString() + " written as " + rounded.value()));
    }
    return rounded.value();
  }

  /** The document as UTF-8 JSON text, indented by two spaces. */
  String toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(printer);
      write(g, this);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Section section) {
      writeObject(g, section.fields);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(g, map);
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof String text) {
      g.writeString(text);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (value instanceof Long number) {
      g.writeNumber(number);
    } else if (value instanceof Integer number) {
      g.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      g.writeNumber(number);
    } else {
      throw new IllegalStateException("no JSON form for " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  private static void writeObject(JsonGenerator g, Map<?, ?> fields) throws IOException {
    g.writeStartObject();
    for (var entry : fields.entrySet()) {
      g.writeFieldName((String) entry.getKey());
      write(g, entry.getValue());
    }
    g.writeEndObject();
  }
}

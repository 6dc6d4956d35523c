package io.packpass.clisupport.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The rules every PackPass configuration file ({@code agent.yaml}, {@code gateway.yaml},
 * {@code registry.yaml}) is read by, in one place so that they cannot drift apart: bounded in size,
 * every problem one exception naming the file and the dotted key
 * ({@code gateway.yaml: intake.port: expected a whole number 0..65535, got 70000}), unknown keys are
 * errors (a typo must never fall back silently to a default), relative paths resolve against the
 * file's directory. A loader subclasses it with its schema and its own exception type.
 */
public abstract class StrictYamlReader {
  private static final YAMLMapper YAML = new YAMLMapper();
  /** Longer text is not a configuration value: a path, a URL, an interface name. */
  static final int MAX_TEXT = 1024;

  private final Path file;
  private final Path dir;

  protected StrictYamlReader(Path file) {
    this.file = file.toAbsolutePath();
    Path parent = this.file.getParent();
    this.dir = parent == null ? Path.of("/") : parent;
  }

  /** The loader's exception for {@code message}; {@code cause} may be null. */
  protected abstract RuntimeException error(String message, Throwable cause);

  /**
   * Reads {@code file}, at most {@code maxBytes}, as a YAML mapping.
   *
   * @param kind what the file should be, for the error on an oversized one ({@code "an agent configuration"})
   */
  public final JsonNode readMapping(int maxBytes, String kind) {
    String text;
    try {
      if (Files.size(file) > maxBytes) {
        throw error(file + ": larger than " + maxBytes + " bytes, not " + kind, null);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw error(file + ": no such file", null);
    } catch (IOException e) {
      throw error(file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw error(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw error(file + ": expected a mapping of keys to values", null);
    }
    return root;
  }

  protected final Path file() {
    return file;
  }

  /** The directory relative paths resolve against. */
  protected final Path dir() {
    return dir;
  }

  protected final RuntimeException fail(String key, String problem) {
    return error(file.getFileName() + ": " + key + ": " + problem, null);
  }

  /** The mapping under top-level {@code key}; an empty one when it is absent and not required. */
  protected final JsonNode section(JsonNode root, String key, boolean required) {
    JsonNode node = root.get(key);
    if (node == null || node.isNull()) {
      if (required) {
        throw fail(key, "required");
      }
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw fail(key, "expected a mapping of keys to values");
    }
    return node;
  }

  /** @param prefix the dotted path of {@code node}, with a trailing dot ({@code ""} at the top) */
  protected final void keys(JsonNode node, String prefix, String... allowed) {
    requireKnown(node, prefix, this::fail, allowed);
  }

  /**
   * The unknown-key rule, for YAML files read otherwise (hardware profiles): a key the schema does not
   * name is an error naming it and the keys allowed there.
   *
   * @param fail makes the caller's exception from (dotted key, problem)
   */
  public static void requireKnown(JsonNode node, String prefix, BiFunction<String, String, RuntimeException> fail,
      String... allowed) {
    Set<String> known = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw fail.apply(prefix + name, "unknown key (allowed here: " + String.join(", ", Arrays.asList(allowed)) + ")");
      }
    }
  }

  private static String field(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** A non-empty string of at most 1024 characters under the last part of dotted {@code key}. */
  protected final Optional<String> text(JsonNode parent, String key) {
    JsonNode node = parent.get(field(key));
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw fail(key, "expected a non-empty string");
    }
    if (node.textValue().length() > MAX_TEXT) {
      throw fail(key, "longer than " + MAX_TEXT + " characters");
    }
    return Optional.of(node.textValue());
  }

  /** A path, resolved against the file's directory and normalised. */
  protected final Optional<Path> path(JsonNode parent, String key, boolean required) {
    Optional<String> text = text(parent, key);
    if (text.isEmpty() && required) {
      throw fail(key, "required");
    }
    return text.map(t -> {
      try {
        return dir.resolve(t).normalize();
      } catch (InvalidPathException e) {
        // a NUL, say: the JDK's unchecked exception would escape the loader's typed one
        throw fail(key, "not a path (" + e.getReason() + ")");
      }
    });
  }

  protected final Optional<Long> number(JsonNode parent, String key, long min, long max) {
    JsonNode node = parent.get(field(key));
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    // canConvertToLong first: asLong() keeps only the low 64 bits of a larger integer.
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
      throw fail(key, "expected a whole number " + min + ".." + max + ", got " + node.asText());
    }
    return Optional.of(node.asLong());
  }

  protected final Optional<Boolean> bool(JsonNode parent, String key) {
    JsonNode node = parent.get(field(key));
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw fail(key, "expected true or false, got " + node.asText());
    }
    return Optional.of(node.booleanValue());
  }

  /** A positive ISO-8601 duration. */
  protected final Optional<Duration> duration(JsonNode parent, String key) {
    Optional<String> text = text(parent, key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.parse(text.get());
      if (d.isNegative() || d.isZero()) {
        throw fail(key, "must be positive, got " + text.get());
      }
      return Optional.of(d);
    } catch (DateTimeParseException e) {
      throw fail(key, "expected an ISO-8601 duration such as PT30S or P7D, got '" + text.get() + "'");
    }
  }
}

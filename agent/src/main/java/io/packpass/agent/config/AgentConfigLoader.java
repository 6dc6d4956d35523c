package io.packpass.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.packpass.agent.config.AgentConfig.Coap;
import io.packpass.agent.config.AgentConfig.Journal;
import io.packpass.agent.config.AgentConfig.Updates;
import io.packpass.agent.yaml.YamlKeys;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.label.LabelException;
import io.packpass.label.LabelSpec;
import io.packpass.label.Layout;
import io.packpass.label.print.PrinterException;
import io.packpass.label.print.Printers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads and validates {@code agent.yaml}. Every problem is one {@link AgentConfigException} naming the
 * file and the dotted key, e.g. {@code agent.yaml: coap.port: expected 0..65535, got 70000}. Unknown
 * keys are errors (a typo must not silently fall back to a default). Bounded: 64 KiB.
 */
public final class AgentConfigLoader {
  static final int MAX_BYTES = 64 * 1024;
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Loads {@code file}; relative paths in it are resolved against its directory. */
  public AgentConfig load(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new AgentConfigException(file + ": larger than " + MAX_BYTES + " bytes, not an agent configuration");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AgentConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new AgentConfigException(file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AgentConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new AgentConfigException(file + ": expected a mapping of keys to values");
    }
    return new Reader(file).config(root);
  }

  private static final class Reader {
    private final Path file;
    private final Path dir;

    Reader(Path file) {
      this.file = file.toAbsolutePath();
      Path parent = this.file.getParent();
      this.dir = parent == null ? Path.of("/") : parent;
    }

    AgentConfigException fail(String key, String problem) {
      return new AgentConfigException(file.getFileName() + ": " + key + ": " + problem);
    }

    AgentConfig config(JsonNode root) {
      keys(root, "", "profile", "passport", "identity", "trust", "birthRecord", "journal", "coap", "updates", "label");
      String profile = text(root, "profile").orElseThrow(() -> fail("profile",
          "required: a bundled profile id (see 'packpass agent profiles') or the path of a profile YAML file"));
      JsonNode passport = section(root, "passport", true);
      keys(passport, "passport.", "id", "digitalLink");
      String link = text(passport, "passport.digitalLink").orElseThrow(() -> fail("passport.digitalLink", "required"));
      PassportId id;
      try {
        id = DigitalLink.parse(link).id();
      } catch (IdentifierException e) {
        throw fail("passport.digitalLink", e.getMessage());
      }
      Optional<String> element = text(passport, "passport.id");
      if (element.isPresent() && !element.get().equals(id.elementString())) {
        throw fail("passport.id", "'" + element.get() + "' is not the id of passport.digitalLink (" + id.elementString()
            + ")");
      }
      JsonNode identity = section(root, "identity", true);
      keys(identity, "identity.", "certificate", "privateKey");
      JsonNode trust = section(root, "trust", true);
      keys(trust, "trust.", "anchors", "crl");
      JsonNode journal = section(root, "journal", false);
      keys(journal, "journal.", "dir", "fsync");
      JsonNode coap = section(root, "coap", false);
      keys(coap, "coap.", "bind", "port", "dtlsPort", "californiumProperties", "multicast", "multicastInterface");
      JsonNode updates = section(root, "updates", false);
      keys(updates, "updates.", "every", "atLeastEvery", "sohChangeCpct", "socChangeCpct");
      JsonNode label = section(root, "label", false);
      keys(label, "label.", "printer", "layout", "dpi");

      Updates u = new Updates(
          duration(updates, "updates.every").orElse(Updates.DEFAULT.every()),
          duration(updates, "updates.atLeastEvery").orElse(Updates.DEFAULT.atLeastEvery()),
          number(updates, "updates.sohChangeCpct", 1, 10_000).orElse(Updates.DEFAULT.sohChangeCpct()),
          number(updates, "updates.socChangeCpct", 1, 10_000).orElse(Updates.DEFAULT.socChangeCpct()));
      if (u.atLeastEvery().compareTo(Duration.ofDays(1)) > 0) {
        throw fail("updates.atLeastEvery", "at most P1D: the state of health must be kept up to date at least daily");
      }
      if (u.every().compareTo(Duration.ofMinutes(1)) < 0) {
        throw fail("updates.every", "at least PT1M: every signed update is kept and synced");
      }
      return new AgentConfig(file, profile, id, link,
          path(identity, "identity.certificate", true).orElseThrow(),
          path(identity, "identity.privateKey", true).orElseThrow(),
          path(trust, "trust.anchors", true).orElseThrow(),
          path(trust, "trust.crl", false),
          path(root, "birthRecord", true).orElseThrow(),
          new Journal(path(journal, "journal.dir", false).orElse(dir.resolve("journal")),
              bool(journal, "journal.fsync").orElse(true)),
          coap(coap),
          u, label(label));
    }

    Coap coap(JsonNode coap) {
      String bind = text(coap, "coap.bind").orElse("0.0.0.0");
      // an agent bound to one address (loopback on a laptop) cannot be found by multicast anyway
      boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::");
      return new Coap(bind,
          (int) (long) number(coap, "coap.port", 0, 65_535).orElse(5683L),
          (int) (long) number(coap, "coap.dtlsPort", 0, 65_535).orElse(5684L),
          path(coap, "coap.californiumProperties", false),
          bool(coap, "coap.multicast").orElse(wildcard),
          text(coap, "coap.multicastInterface"));
    }

    AgentConfig.Label label(JsonNode label) {
      Optional<String> printer = text(label, "label.printer");
      printer.ifPresent(spec -> {
        try {
          Printers.open(spec);
        } catch (PrinterException e) {
          throw fail("label.printer", e.getMessage());
        }
      });
      Layout layout = AgentConfig.Label.DEFAULT.layout();
      Optional<String> layoutText = text(label, "label.layout");
      if (layoutText.isPresent()) {
        try {
          layout = Layout.parse(layoutText.get());
        } catch (LabelException e) {
          throw fail("label.layout", e.getMessage());
        }
      }
      int dpi = (int) (long) number(label, "label.dpi", LabelSpec.MIN_DPI, LabelSpec.MAX_DPI)
          .orElse((long) AgentConfig.Label.DEFAULT.dpi());
      return new AgentConfig.Label(printer, layout, dpi);
    }

    JsonNode section(JsonNode root, String key, boolean required) {
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

    void keys(JsonNode node, String prefix, String... allowed) {
      YamlKeys.requireKnown(node, prefix, this::fail, allowed);
    }

    private static String field(String key) {
      return key.substring(key.lastIndexOf('.') + 1);
    }

    Optional<String> text(JsonNode parent, String key) {
      JsonNode node = parent.get(field(key));
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (!node.isTextual() || node.textValue().isBlank()) {
        throw fail(key, "expected a non-empty string");
      }
      if (node.textValue().length() > 1024) {
        throw fail(key, "longer than 1024 characters");
      }
      return Optional.of(node.textValue());
    }

    Optional<Path> path(JsonNode parent, String key, boolean required) {
      Optional<String> text = text(parent, key);
      if (text.isEmpty() && required) {
        throw fail(key, "required");
      }
      return text.map(t -> {
        try {
          return dir.resolve(t).normalize();
        } catch (InvalidPathException e) {
          throw fail(key, "not a path (" + e.getReason() + ")");
        }
      });
    }

    Optional<Long> number(JsonNode parent, String key, long min, long max) {
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

    Optional<Boolean> bool(JsonNode parent, String key) {
      JsonNode node = parent.get(field(key));
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (!node.isBoolean()) {
        throw fail(key, "expected true or false, got " + node.asText());
      }
      return Optional.of(node.booleanValue());
    }

    Optional<Duration> duration(JsonNode parent, String key) {
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
        throw fail(key, "expected an ISO-8601 duration such as PT1H or P1D, got '" + text.get() + "'");
      }
    }
  }
}

package io.packpass.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.packpass.gateway.config.GatewayConfig.Intake;
import io.packpass.gateway.config.GatewayConfig.Registry;
import io.packpass.gateway.config.GatewayConfig.Store;
import io.packpass.gateway.config.GatewayConfig.Trust;
import io.packpass.gateway.config.GatewayConfig.Upstream;
import io.packpass.gateway.sync.OutboxLimits;
import io.packpass.gateway.sync.SyncIntake;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates {@code gateway.yaml}. Every problem is one {@link GatewayConfigException}
 * naming the file and the dotted key ({@code gateway.yaml: upstream.url: must be https://...}); unknown
 * keys are errors, so a typo never falls back to a default. Relative paths are resolved against the
 * file's directory. Bounded: 64 KiB.
 */
public final class GatewayConfigLoader {
  static final int MAX_BYTES = 64 * 1024;
  private static final YAMLMapper YAML = new YAMLMapper();
  /** Only used to check that a resolver base makes valid Digital Links (GS1 demo prefix 952). */
  private static final io.packpass.core.id.PassportId PROBE = io.packpass.core.id.PassportId.parseElementString(
      "(01)09521234000013(21)0");

  public GatewayConfig load(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new GatewayConfigException(file + ": larger than " + MAX_BYTES + " bytes, not a gateway configuration");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new GatewayConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new GatewayConfigException(file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new GatewayConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new GatewayConfigException(file + ": expected a mapping of keys to values");
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

    GatewayConfigException fail(String key, String problem) {
      return new GatewayConfigException(file.getFileName() + ": " + key + ": " + problem);
    }

    GatewayConfig config(JsonNode root) {
      keys(root, "", "store", "trust", "upstream", "outbox", "intake", "registry", "agents");
      JsonNode trust = section(root, "trust", true);
      keys(trust, "trust.", "anchors", "crl", "crlReloadEvery");
      Duration crlReloadEvery = duration(trust, "trust.crlReloadEvery").orElse(Duration.ofMinutes(1));
      if (crlReloadEvery.compareTo(Duration.ofSeconds(1)) < 0) {
        throw fail("trust.crlReloadEvery", "at least PT1S, got " + crlReloadEvery);
      }
      JsonNode outbox = section(root, "outbox", false);
      keys(outbox, "outbox.", "maxItems", "maxAge");
      OutboxLimits limits = new OutboxLimits(
          number(outbox, "outbox.maxItems", 1, 1_000_000_000).orElse(OutboxLimits.DEFAULT.maxItems()),
          duration(outbox, "outbox.maxAge").orElse(OutboxLimits.DEFAULT.maxAge()));
      return new GatewayConfig(file, store(section(root, "store", false)),
          new Trust(path(trust, "trust.anchors", true).orElseThrow(), path(trust, "trust.crl", false), crlReloadEvery),
          root.has("upstream") ? Optional.of(upstream(section(root, "upstream", true))) : Optional.empty(), limits,
          root.has("intake") ? Optional.of(intake(section(root, "intake", true))) : Optional.empty(),
          registry(section(root, "registry", false)), agents(root.get("agents")));
    }

    Store store(JsonNode store) {
      keys(store, "store.", "dir", "url", "user", "passwordFile", "passwordEnv");
      Optional<String> url = text(store, "store.url");
      if (url.isPresent()) {
        if (store.has("dir")) {
          throw fail("store.dir", "give either store.dir (embedded H2) or store.url, not both");
        }
        if (!url.get().startsWith("jdbc:postgresql:") && !url.get().startsWith("jdbc:h2:")) {
          throw fail("store.url", "expected jdbc:postgresql://host:port/database (or jdbc:h2:...), got " + url.get());
        }
        return new Store(Optional.empty(), url, text(store, "store.user").orElse(""), secret(store, "store.password",
            false));
      }
      for (String key : List.of("user", "passwordFile", "passwordEnv")) {
        if (store.has(key)) {
          throw fail("store." + key, "only with store.url (the embedded H2 database has no password)");
        }
      }
      return new Store(Optional.of(path(store, "store.dir", false).orElse(dir.resolve("data"))), Optional.empty(), "",
          Optional.empty());
    }

    Upstream upstream(JsonNode up) {
      keys(up, "upstream.", "url", "serverTrust", "credential", "passphraseFile", "passphraseEnv", "batchItems",
          "timeout", "backoffBase", "backoffCap");
      String url = text(up, "upstream.url").orElseThrow(() -> fail("upstream.url", "required: the registry's https:// URL"));
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw fail("upstream.url", "not a URL: " + e.getMessage());
      }
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw fail("upstream.url", "must be https://host[:port], got " + url);
      }
      Duration base = duration(up, "upstream.backoffBase").orElse(Duration.ofSeconds(1));
      Duration cap = duration(up, "upstream.backoffCap").orElse(Duration.ofMinutes(5));
      if (cap.compareTo(base) < 0) {
        throw fail("upstream.backoffCap", "must not be shorter than upstream.backoffBase (" + base + ")");
      }
      return new Upstream(uri, path(up, "upstream.serverTrust", false),
          path(up, "upstream.credential", true).orElseThrow(), secret(up, "upstream.passphrase", true).orElseThrow(),
          (int) (long) number(up, "upstream.batchItems", 1, 5_000).orElse(500L),
          duration(up, "upstream.timeout").orElse(Duration.ofSeconds(30)), base, cap);
    }

    Intake intake(JsonNode in) {
      keys(in, "intake.", "bind", "port", "keyStore", "passphraseFile", "passphraseEnv", "maxBatchItems", "maxBodyBytes");
      SyncIntake.Limits d = SyncIntake.Limits.DEFAULT;
      return new Intake(text(in, "intake.bind").orElse("0.0.0.0"),
          (int) (long) number(in, "intake.port", 0, 65_535).orElse(8443L),
          path(in, "intake.keyStore", true).orElseThrow(), secret(in, "intake.passphrase", true).orElseThrow(),
          new SyncIntake.Limits((int) (long) number(in, "intake.maxBodyBytes", 1024, 256L * 1024 * 1024)
              .orElse((long) d.maxBodyBytes()),
              (int) (long) number(in, "intake.maxBatchItems", 1, 100_000).orElse((long) d.maxItems()), d.maxItemBytes()));
    }

    Registry registry(JsonNode node) {
      keys(node, "registry.", "resolverBase", "anonymousPerMinute", "anonymousBurst");
      Optional<String> base = text(node, "registry.resolverBase");
      if (base.isPresent()) {
        try {
          io.packpass.core.id.DigitalLink.of(base.get(), PROBE);
        } catch (io.packpass.core.id.IdentifierException e) {
          throw fail("registry.resolverBase", e.getMessage());
        }
      }
      Registry d = Registry.DEFAULT;
      return new Registry(base.map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b),
          (int) (long) number(node, "registry.anonymousPerMinute", 1, 1_000_000).orElse((long) d.anonymousPerMinute()),
          (int) (long) number(node, "registry.anonymousBurst", 1, 1_000_000).orElse((long) d.anonymousBurst()));
    }

    List<URI> agents(JsonNode node) {
      List<URI> out = new ArrayList<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isArray()) {
        throw fail("agents", "expected a list of coap:// or coaps:// addresses");
      }
      for (int i = 0; i < node.size(); i++) {
        String key = "agents[" + i + "]";
        JsonNode item = node.get(i);
        if (!item.isTextual()) {
          throw fail(key, "expected a coap:// or coaps:// address");
        }
        try {
          URI uri = new URI(item.textValue());
          if (!Set.of("coap", "coaps").contains(uri.getScheme()) || uri.getHost() == null) {
            throw fail(key, "must be coap://host[:port] or coaps://host[:port], got " + item.textValue());
          }
          out.add(uri);
        } catch (URISyntaxException e) {
          throw fail(key, "not an address: " + e.getMessage());
        }
      }
      return out;
    }

    Optional<Secret> secret(JsonNode parent, String key, boolean required) {
      String prefix = key.substring(key.lastIndexOf('.') + 1);
      String section = key.substring(0, key.lastIndexOf('.') + 1);
      Optional<Path> file = path(parent, section + prefix + "File", false);
      Optional<String> env = text(parent, section + prefix + "Env");
      if (file.isPresent() && env.isPresent()) {
        throw fail(key + "Env", "give either " + key + "File or " + key + "Env, not both");
      }
      if (file.isEmpty() && env.isEmpty()) {
        if (required) {
          throw fail(key + "File", "required (or " + key + "Env): where the passphrase is; never in this file");
        }
        return Optional.empty();
      }
      return Optional.of(new Secret(key, file, env));
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
      Set<String> known = Set.of(allowed);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          throw fail(prefix + name, "unknown key (allowed here: " + String.join(", ", Arrays.asList(allowed)) + ")");
        }
      }
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
      return text.map(t -> dir.resolve(t).normalize());
    }

    Optional<Long> number(JsonNode parent, String key, long min, long max) {
      JsonNode node = parent.get(field(key));
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
        throw fail(key, "expected a whole number " + min + ".." + max + ", got " + node.asText());
      }
      return Optional.of(node.asLong());
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
        throw fail(key, "expected an ISO-8601 duration such as PT30S or P7D, got " + text.get());
      }
    }
  }
}

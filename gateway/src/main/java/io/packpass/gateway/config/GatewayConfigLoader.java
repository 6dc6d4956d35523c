package io.packpass.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.packpass.clisupport.config.StrictYamlReader;
import io.packpass.gateway.config.GatewayConfig.Intake;
import io.packpass.gateway.config.GatewayConfig.Registry;
import io.packpass.gateway.config.GatewayConfig.Store;
import io.packpass.gateway.config.GatewayConfig.Trust;
import io.packpass.gateway.config.GatewayConfig.Upstream;
import io.packpass.gateway.sync.OutboxLimits;
import io.packpass.gateway.sync.SyncIntake;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  /** Only used to check that a resolver base makes valid Digital Links (GS1 demo prefix 952). */
  private static final io.packpass.core.id.PassportId PROBE = io.packpass.core.id.PassportId.parseElementString(
      "(01)09521234000013(21)0");

  public GatewayConfig load(Path file) {
    Reader reader = new Reader(file);
    return reader.config(reader.readMapping(MAX_BYTES, "a gateway configuration"));
  }

  private static final class Reader extends StrictYamlReader {
    Reader(Path file) {
      super(file);
    }

    @Override
    protected RuntimeException error(String message, Throwable cause) {
      return new GatewayConfigException(message, cause);
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
      return new GatewayConfig(file(), store(section(root, "store", false)),
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
      return new Store(Optional.of(path(store, "store.dir", false).orElse(dir().resolve("data"))), Optional.empty(), "",
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







  }
}

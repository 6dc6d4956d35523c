package io.packpass.gateway.config;

import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.OutboxLimits;
import io.packpass.gateway.sync.SyncIntake;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code gateway.yaml}, validated (see {@link GatewayConfigLoader} and gateway/README.md). One file
 * serves both roles: a site gateway needs {@link #upstream()}, the registry {@link #intake()}.
 */
public record GatewayConfig(Path file, Store store, Trust trust, Optional<Upstream> upstream, OutboxLimits outbox,
    Optional<Intake> intake, Registry registry, List<URI> agents) {

  public GatewayConfig {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(registry, "registry");
    agents = List.copyOf(agents);
  }

  /** An embedded H2 database in {@code dir}, or a JDBC URL (PostgreSQL) with user and password. */
  public record Store(Optional<Path> dir, Optional<String> url, String user, Optional<Secret> password) {
    public StoreSettings settings(Map<String, String> env) {
      if (dir.isPresent()) {
        return StoreSettings.h2(dir.get());
      }
      return new StoreSettings(url.orElseThrow(), user, password.map(p -> new String(p.read(env))).orElse(""),
          StoreSettings.DEFAULT_MAX_CONNECTIONS);
    }
  }

  /**
   * The manufacturer's root certificates (PEM) and its CRL.
   *
   * @param crlReloadEvery how often the CRL file is looked at again while running (a newly published
   *     CRL replaces the one in use; {@code core.pki.ReloadingTrust})
   */
  public record Trust(Path anchors, Optional<Path> crl, Duration crlReloadEvery) {
  }

  /**
   * The registry this gateway syncs to, and the fleet role credential (PKCS#12) it authenticates with.
   *
   * @param serverTrust CA certificates (PEM) for the registry's TLS certificate; empty: the JDK's
   */
  public record Upstream(URI url, Optional<Path> serverTrust, Path credential, Secret passphrase, int batchItems,
      Duration timeout, Duration backoffBase, Duration backoffCap) {
  }

  /**
   * The registry's public side (docs/registry.md), served on the intake's port.
   *
   * @param resolverBase the Digital Link base the packs' QR codes name ({@code https://id.example.com});
   *     also the audience bearer tokens must name. Empty: {@code https://localhost:<intake port>}
   *     ({@code https://localhost} for an ephemeral port)
   * @param anonymousPerMinute requests per minute one client address may make without credentials
   * @param anonymousBurst how many of those may come at once
   */
  public record Registry(Optional<String> resolverBase, int anonymousPerMinute, int anonymousBurst) {
    public static final Registry DEFAULT = new Registry(Optional.empty(), 120, 30);
  }

  /** The registry's sync intake: where it listens and its TLS server credential (PKCS#12). */
  public record Intake(String bind, int port, Path keyStore, Secret passphrase, SyncIntake.Limits limits) {
  }
}

package io.packpass.gateway.run;

import io.packpass.core.pki.ReloadingTrust;
import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.verify.UpdateCertificates;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** What both roles build the same way from gateway.yaml. */
final class Nodes {
  private Nodes() {
  }

  /** The anchors and the CRL file as it is now: a CRL published while running is used without a restart. */
  static Supplier<TrustStore> trust(GatewayConfig config) {
    return ReloadingTrust.of(config.trust().anchors(), config.trust().crl(), config.trust().crlReloadEvery());
  }

  static JdbcGatewayStore store(GatewayConfig config, Map<String, String> env, Clock clock) {
    return JdbcGatewayStore.open(config.store().settings(env), clock);
  }

  static UpdateCertificates certificates(Supplier<TrustStore> trust, Clock clock) {
    return new UpdateCertificates(trust, clock);
  }
}

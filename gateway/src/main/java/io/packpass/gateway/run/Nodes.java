package io.packpass.gateway.run;

import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.config.GatewayConfig;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.verify.UpdateCertificates;
import java.time.Clock;
import java.util.Map;

/** What both roles build the same way from gateway.yaml. */
final class Nodes {
  private Nodes() {
  }

  static TrustStore trust(GatewayConfig config) {
    return TrustStore.load(config.trust().anchors(), config.trust().crl());
  }

  static JdbcGatewayStore store(GatewayConfig config, Map<String, String> env, Clock clock) {
    return JdbcGatewayStore.open(config.store().settings(env), clock);
  }

  static UpdateCertificates certificates(TrustStore trust, Clock clock) {
    return new UpdateCertificates(trust, clock);
  }
}

package io.packpass.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
  @TempDir
  Path dir;

  private GatewayConfig load(String yaml) throws IOException {
    return new GatewayConfigLoader().load(Files.writeString(dir.resolve("gateway.yaml"), yaml));
  }

  private void assertRefused(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(GatewayConfigException.class).hasMessage(message);
  }

  @Test
  void a_minimal_site_gateway_gets_an_h2_store_beside_its_file_and_the_documented_defaults() throws IOException {
    GatewayConfig c = load("""
        trust:
          anchors: root.pem
        upstream:
          url: https://registry.example:8443
          credential: fleet.p12
          passphraseEnv: FLEET_PASS
        """);
    assertThat(c.store().dir()).contains(dir.resolve("data"));
    assertThat(c.store().settings(Map.of()).url()).startsWith("jdbc:h2:file:" + dir.resolve("data"));
    assertThat(c.trust().anchors()).isEqualTo(dir.resolve("root.pem"));
    assertThat(c.trust().crl()).isEmpty();
    assertThat(c.trust().crlReloadEvery()).isEqualTo(Duration.ofMinutes(1));
    GatewayConfig.Upstream up = c.upstream().orElseThrow();
    assertThat(up.credential()).isEqualTo(dir.resolve("fleet.p12"));
    assertThat(up.batchItems()).isEqualTo(500);
    assertThat(up.backoffCap()).isEqualTo(Duration.ofMinutes(5));
    assertThat(new String(up.passphrase().read(Map.of("FLEET_PASS", "pw")))).isEqualTo("pw");
    assertThat(up.passphrase().toString()).isEqualTo("environment variable FLEET_PASS");
    assertThat(c.outbox().maxItems()).isEqualTo(1_000_000);
    assertThat(c.intake()).isEmpty();
  }

  @Test
  void the_crl_is_looked_at_again_as_often_as_trust_crl_reload_every_says_but_not_more_than_once_a_second()
      throws IOException {
    assertThat(load("trust:\n  anchors: root.pem\n  crl: crl.pem\n  crlReloadEvery: PT10M\n").trust().crlReloadEvery())
        .isEqualTo(Duration.ofMinutes(10));
    assertRefused("trust:\n  anchors: root.pem\n  crlReloadEvery: PT0.5S\n",
        "gateway.yaml: trust.crlReloadEvery: at least PT1S, got PT0.5S");
  }

  @Test
  void a_postgresql_store_reads_its_password_from_a_file() throws IOException {
    Files.writeString(dir.resolve("pg.pass"), "secret\n");
    GatewayConfig c = load("""
        store:
          url: jdbc:postgresql://db.example:5432/packpass
          user: packpass
          passwordFile: pg.pass
        trust:
          anchors: root.pem
          crl: crl.pem
        intake:
          port: 9443
          keyStore: tls.p12
          passphraseFile: pg.pass
          maxBatchItems: 100
        """);
    var settings = c.store().settings(Map.of());
    assertThat(settings.isPostgres()).isTrue();
    assertThat(settings.password()).isEqualTo("secret");
    assertThat(settings.toString()).doesNotContain("secret");
    assertThat(c.intake().orElseThrow().port()).isEqualTo(9443);
    assertThat(c.intake().orElseThrow().limits().maxItems()).isEqualTo(100);
  }

  @Test
  void every_mistake_names_the_file_and_the_key() {
    assertRefused("trust:\n  anchors: r.pem\n  crls: c.pem\n",
        "gateway.yaml: trust.crls: unknown key (allowed here: anchors, crl, crlReloadEvery)");
    assertRefused("store:\n  dir: d\n", "gateway.yaml: trust: required");
    assertRefused("trust:\n  anchors: r.pem\nupstream:\n  url: http://registry\n  credential: f.p12\n  passphraseEnv: X\n",
        "gateway.yaml: upstream.url: must be https://host[:port], got http://registry");
    assertRefused("trust:\n  anchors: r.pem\nupstream:\n  url: https://r\n  credential: f.p12\n",
        "gateway.yaml: upstream.passphraseFile: required (or upstream.passphraseEnv): where the passphrase is; never in"
            + " this file");
    assertRefused("trust:\n  anchors: r.pem\nstore:\n  dir: d\n  user: me\n",
        "gateway.yaml: store.user: only with store.url (the embedded H2 database has no password)");
    assertRefused("trust:\n  anchors: r.pem\noutbox:\n  maxAge: 7 days\n",
        "gateway.yaml: outbox.maxAge: expected an ISO-8601 duration such as PT30S or P7D, got '7 days'");
    assertRefused("trust:\n  anchors: r.pem\nagents:\n  - http://10.0.0.5\n",
        "gateway.yaml: agents[0]: must be coap://host[:port] or coaps://host[:port], got http://10.0.0.5");
    assertRefused("trust:\n  anchors: r.pem\nintake:\n  port: 70000\n  keyStore: k\n  passphraseEnv: P\n",
        "gateway.yaml: intake.port: expected a whole number 0..65535, got 70000");
    // the two the agent's config fuzzing found, which the gateway's copy of the reader still had
    assertRefused("trust:\n  anchors: r.pem\nintake:\n  port: 18446744073709557299\n  keyStore: k\n  passphraseEnv: P\n",
        "gateway.yaml: intake.port: expected a whole number 0..65535, got 18446744073709557299");
    assertRefused("trust:\n  anchors: \"r\\0.pem\"\n",
        "gateway.yaml: trust.anchors: not a path (Nul character not allowed)");
  }

  @Test
  void a_passphrase_that_is_not_there_is_named_without_showing_anything() throws IOException {
    GatewayConfig c = load("trust:\n  anchors: r.pem\nupstream:\n  url: https://r\n  credential: f.p12\n"
        + "  passphraseFile: missing.pass\n");
    assertThatThrownBy(() -> c.upstream().orElseThrow().passphrase().read(Map.of()))
        .isInstanceOf(GatewayConfigException.class).hasMessageContaining("upstream.passphrase: cannot read");
  }

  @Test
  void the_registry_section_takes_its_resolver_base_and_rate_with_defaults_and_names_bad_keys() throws IOException {
    GatewayConfig c = load("trust:\n  anchors: r.pem\nregistry:\n  resolverBase: https://id.example.com/\n"
        + "  anonymousPerMinute: 60\n");
    assertThat(c.registry().resolverBase()).contains("https://id.example.com");
    assertThat(c.registry().anonymousPerMinute()).isEqualTo(60);
    assertThat(c.registry().anonymousBurst()).isEqualTo(GatewayConfig.Registry.DEFAULT.anonymousBurst());
    assertThat(load("trust:\n  anchors: r.pem\n").registry()).isEqualTo(GatewayConfig.Registry.DEFAULT);
    assertThatThrownBy(() -> load("trust:\n  anchors: r.pem\nregistry:\n  resolverBase: ftp://x\n"))
        .isInstanceOf(GatewayConfigException.class).hasMessageStartingWith("gateway.yaml: registry.resolverBase: ");
    assertRefused("trust:\n  anchors: r.pem\nregistry:\n  anonymousBurst: 0\n",
        "gateway.yaml: registry.anonymousBurst: expected a whole number 1..1000000, got 0");
    assertThatThrownBy(() -> load("trust:\n  anchors: r.pem\nregistry:\n  rateLimit: 5\n"))
        .hasMessageStartingWith("gateway.yaml: registry.rateLimit: unknown key");
  }
}

package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.coap.AgentCoapServer;
import io.packpass.agent.coap.CoapSettings;
import io.packpass.agent.coap.DtlsCredentials;
import io.packpass.agent.coap.InMemoryPassportSource;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.sample.SamplePassports;
import io.packpass.gateway.collect.AgentHealth;
import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.fleet.FleetRow;
import io.packpass.gateway.fleet.FleetView;
import io.packpass.gateway.testing.Site;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path in one JVM on loopback: two simulated agents (the agent's real CoAP service over
 * DTLS, serving logs signed by their device keys, the certificate chain announced once and the key
 * named by kid after that, as the agent signs), a site gateway collecting from them with its fleet
 * credential, verifying, storing and syncing over HTTPS with mutual TLS to a registry.
 */
class CollectEndToEndTest {
  @TempDir
  Path dir;

  private record Agent(TestPack pack, InMemoryPassportSource source, AgentCoapServer server) {
    String address() {
      InetSocketAddress a = server.secureAddress().orElseThrow();
      return "coaps://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }
  }

  private static Agent agent(TestPki pki, int readings) {
    TestPack pack = pki.pack();
    InMemoryPassportSource source = new InMemoryPassportSource(pack.birth(), pack.device, Clock.systemUTC(),
        t -> SamplePassports.evReading(t, 9_400, 123));
    // as the agent signs: its first update after a start carries the certificate chain, the rest only the kid
    source.append(pack.at(1));
    for (int seq = 2; seq <= readings; seq++) {
      source.append(pack.nextByKid());
    }
    AgentCoapServer server = new AgentCoapServer(source, CoapSettings.loopbackEphemeral(), Optional.of(
        DtlsCredentials.of(pack.device, TrustStore.fromDer(pack.device.certificateChain()), pki.trust(),
            Clock.systemUTC())));
    server.start();
    return new Agent(pack, source, server);
  }

  private static void await(LongSupplier value, long expected, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (value.getAsLong() < expected && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(value.getAsLong()).isEqualTo(expected);
  }

  @Test
  void updates_of_two_agents_are_collected_verified_stored_acknowledged_and_synced_to_the_registry() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Agent a = agent(pki, 150); // more than two /updates pages
    Agent b = agent(pki, 10);
    AtomicBoolean stop = new AtomicBoolean();
    try (RegistryNode registry = RegistryNode.start(new GatewayConfigLoader().load(
        site.registryConfig("registry.yaml", dir.resolve("registry-db"))), Map.of(), Clock.systemUTC());
        SiteGateway gateway = SiteGateway.open(new GatewayConfigLoader().load(site.gatewayConfig("gateway.yaml",
            dir.resolve("gateway-db"), registry.port(), 50, a.address(), b.address())), Map.of(), Clock.systemUTC())) {
      Thread running = new Thread(() -> {
        try {
          gateway.run(stop::get);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      running.start();
      try {
        await(() -> registry.store().updateCount(), 151 + 11, Duration.ofSeconds(60));
        assertThat(a.source().acknowledgedSeq()).as("the agent is told what the gateway holds").isEqualTo(150);
        assertThat(b.source().acknowledgedSeq()).isEqualTo(10);

        // a new reading on agent A: /soh notifies, the collector catches up long before its poll interval
        for (int seq = 151; seq <= 153; seq++) {
          a.source().append(a.pack().nextByKid());
        }
        await(() -> registry.store().updateCount(), 154 + 11, Duration.ofSeconds(20));
        await(a.source()::acknowledgedSeq, 153, Duration.ofSeconds(5));

        assertThat(registry.store().updatesSince(a.pack().id, 150, 10)).extracting(bytes -> bytes.length)
            .containsExactly(a.pack().at(151).encoded().length, a.pack().at(152).encoded().length,
                a.pack().at(153).encoded().length);
        assertThat(gateway.store().quarantineCounts()).isEmpty();
        List<AgentHealth> health = gateway.collector().health();
        assertThat(health).hasSize(2).allSatisfy(h -> {
          assertThat(h.lastSeen()).isPresent();
          assertThat(h.failures()).isZero();
        });
        List<FleetRow> fleet = new FleetView(gateway.store(), Optional.of(gateway.store()), Clock.systemUTC()).rows();
        assertThat(fleet).extracting(FleetRow::passport).containsExactlyInAnyOrder(a.pack().id, b.pack().id);
      } finally {
        stop.set(true);
        running.join(10_000);
      }
    } finally {
      a.server().close();
      b.server().close();
    }
  }
}

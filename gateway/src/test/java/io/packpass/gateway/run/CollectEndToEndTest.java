package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.eclipse.californium.elements.util.NetworkInterfacesUtil;
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
    return agent(pki, readings, CoapSettings.loopbackEphemeral());
  }

  private static Agent agent(TestPki pki, int readings, CoapSettings settings) {
    TestPack pack = pki.pack();
    InMemoryPassportSource source = new InMemoryPassportSource(pack.birth(), pack.device, Clock.systemUTC(),
        t -> SamplePassports.evReading(t, 9_400, 123));
    // as the agent signs: its first update after a start carries the certificate chain, the rest only the kid
    source.append(pack.at(1));
    for (int seq = 2; seq <= readings; seq++) {
      source.append(pack.nextByKid());
    }
    AgentCoapServer server = new AgentCoapServer(source, settings, Optional.of(
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
      Thread running = runInBackground(gateway, stop);
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

  @Test
  void an_agent_found_by_multicast_discovery_is_collected_from_without_being_listed() throws Exception {
    assumeTrue(NetworkInterfacesUtil.getMulticastInterface() != null, "no multicast-capable network interface");
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    // a group port of its own, so that no other agent on this machine answers
    InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("224.0.1.187"), freeUdpPort());
    CoapSettings onTheGroup = new CoapSettings(new InetSocketAddress(0).getAddress(), 0, 0, true, Optional.empty(),
        CoapSettings.DEFAULT_PAGE_SIZE, CoapSettings.DEFAULT_FRESH_INTERVAL, Optional.empty())
        .withMulticast(new CoapSettings.Multicast(group.getAddress(), group.getPort(), Optional.empty()));
    Agent a = agent(pki, 5, onTheGroup);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      assumeTrue(a.server().discoverable(), "the agent could not join the group here");
      try (RegistryNode registry = RegistryNode.start(new GatewayConfigLoader().load(
          site.registryConfig("registry.yaml", dir.resolve("registry-db"))), Map.of(), Clock.systemUTC());
          SiteGateway gateway = SiteGateway.open(new GatewayConfigLoader().load(site.gatewayConfig("gateway.yaml",
              dir.resolve("gateway-db"), registry.port(), 50)), Map.of(), Clock.systemUTC(),
              Optional.of(new SiteGateway.Discovery(group, Duration.ofMinutes(5))))) {
        Thread running = runInBackground(gateway, stop);
        try {
          await(() -> registry.store().updateCount(), 6, Duration.ofSeconds(30));
          assertThat(gateway.collector().health()).singleElement()
              .satisfies(h -> assertThat(h.address()).startsWith("coaps://")
                  .endsWith(":" + a.server().secureAddress().orElseThrow().getPort()));
        } finally {
          stop.set(true);
          running.join(10_000);
        }
      }
    } finally {
      a.server().close();
    }
  }

  /** {@code gateway.run} on a thread of its own, until {@code stop} is set. */
  private static Thread runInBackground(SiteGateway gateway, AtomicBoolean stop) {
    Thread running = new Thread(() -> {
      try {
        gateway.run(stop::get);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    running.start();
    return running;
  }

  private static int freeUdpPort() throws java.io.IOException {
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}

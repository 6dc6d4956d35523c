package io.packpass.gateway.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.packpass.agent.coap.AgentCoapServer;
import io.packpass.agent.coap.CoapSettings;
import io.packpass.agent.coap.DtlsCredentials;
import io.packpass.agent.coap.InMemoryPassportSource;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.sample.SamplePassports;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.elements.util.NetworkInterfacesUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of real agent CoAP services on a multicast group, where this machine's network allows it. */
class MulticastDiscoveryTest {
  @TempDir
  Path dir;

  @Test
  void agents_on_the_group_are_found_with_the_address_to_collect_from() throws Exception {
    assumeTrue(NetworkInterfacesUtil.getMulticastInterface() != null, "no multicast-capable network interface");
    TestPki pki = new TestPki(dir);
    // a group port of its own, so that nothing else on this machine answers
    InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("224.0.1.187"), freePort());
    // one agent per machine, as on packs (two sockets of one host on a group share its datagrams)
    AgentCoapServer agent = agent(pki, group);
    try {
      assumeTrue(agent.discoverable(), "the agent could not join the group here");
      List<MulticastDiscovery.Found> found = MulticastDiscovery.discover(group, MulticastDiscovery.DEFAULT_WAIT);

      assertThat(found).singleElement().satisfies(f -> {
          assertThat(f.coapsPort()).contains(agent.secureAddress().orElseThrow().getPort());
          assertThat(f.from().getPort()).isEqualTo(agent.plainAddress().orElseThrow().getPort());
          assertThat(f.coapsUri()).hasValueSatisfying(uri -> assertThat(uri).startsWith("coaps://"));
          assertThat(f.links()).contains("</passport>");
      });
    } finally {
      agent.close();
    }
  }

  @Test
  void nobody_on_the_group_is_an_empty_answer_after_the_wait() throws Exception {
    assumeTrue(NetworkInterfacesUtil.getMulticastInterface() != null, "no multicast-capable network interface");
    InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("224.0.1.187"), freePort());
    assertThat(MulticastDiscovery.discover(group, Duration.ofMillis(500))).isEmpty();
  }

  private static AgentCoapServer agent(TestPki pki, InetSocketAddress group) {
    TestPack pack = pki.pack();
    InMemoryPassportSource source = new InMemoryPassportSource(pack.birth(), pack.device, Clock.systemUTC(),
        t -> SamplePassports.evReading(t, 9_400, 123));
    CoapSettings settings = new CoapSettings(wildcard(), 0, 0, true, Optional.empty(), CoapSettings.DEFAULT_PAGE_SIZE,
        CoapSettings.DEFAULT_FRESH_INTERVAL, Optional.empty())
        .withMulticast(new CoapSettings.Multicast(group.getAddress(), group.getPort(), Optional.empty()));
    AgentCoapServer server = new AgentCoapServer(source, settings, Optional.of(DtlsCredentials.of(pack.device,
        TrustStore.fromDer(pack.device.certificateChain()), pki.trust(), Clock.systemUTC())));
    server.start();
    return server;
  }

  private static InetAddress wildcard() {
    return new InetSocketAddress(0).getAddress();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

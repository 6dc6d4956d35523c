package io.packpass.gateway.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.testing.Site;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.provisioning.ca.CertificateText;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as it is deployed, each part in a process of its own on loopback: two real agents
 * ({@code packpass agent run} on simulated packs, provisioned like a factory does), a site gateway
 * ({@code packpass gateway run}) collecting from them over DTLS with its fleet credential, and a
 * registry it syncs to. In the end the registry holds each agent's journal, byte for byte.
 */
class AcrossProcessesTest {
  @TempDir
  Path dir;

  /** A provisioned pack: what `packpass provision bundle` hands the agent, on free loopback ports. */
  private record Bundle(TestPack pack, Path yaml, int dtlsPort) {
    Path journal() {
      return yaml.getParent().resolve("journal");
    }

    String coaps() {
      return "coaps://127.0.0.1:" + dtlsPort;
    }
  }

  private Bundle bundle(TestPki pki, Site site, String name, String profile) throws IOException {
    TestPack pack = pki.pack();
    Path d = Files.createDirectories(dir.resolve(name));
    PrivateKeyFile.create(d.resolve("device.key"), pack.device);
    Files.writeString(d.resolve("device.pem"), CertificateText.pem(TrustStore.fromDer(pack.device.certificateChain())));
    Files.copy(site.dir.resolve("root.pem"), d.resolve("root.pem"));
    Files.copy(site.dir.resolve("crl.pem"), d.resolve("crl.pem"));
    Files.write(d.resolve("birth.cose"), pack.birth().encoded());
    int dtls = freeUdpPort();
    Path yaml = Files.writeString(d.resolve("agent.yaml"), String.join("\n",
        "profile: " + profile,
        "passport:",
        "  id: \"" + pack.id.elementString() + "\"",
        "  digitalLink: " + pack.id.digitalLink(io.packpass.core.sample.SamplePassports.RESOLVER),
        "identity:",
        "  certificate: device.pem",
        "  privateKey: device.key",
        "trust:",
        "  anchors: root.pem",
        "  crl: crl.pem",
        "birthRecord: birth.cose",
        "coap:",
        "  bind: 127.0.0.1",
        "  port: " + freeUdpPort(),
        "  dtlsPort: " + dtls,
        "journal:",
        "  fsync: false",
        ""));
    return new Bundle(pack, yaml, dtls);
  }

  @Test
  void two_agents_a_gateway_and_a_registry_each_in_its_own_process_end_with_the_agents_journals_in_the_registry()
      throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    List<Bundle> bundles = List.of(bundle(pki, site, "ebike", "sim-lmt"), bundle(pki, site, "home", "sim-stationary-lfp"));
    Path log = dir.resolve("children.log");
    List<ChildProcess> agents = new ArrayList<>();
    try {
      for (Bundle b : bundles) {
        ChildProcess agent = ChildProcess.agent(log, "run", "--config", b.yaml().toString());
        agent.await("coaps://", 60);
        agents.add(agent);
      }
      Path registryConfig = site.registryConfig("registry.yaml", dir.resolve("registry-db"));
      try (ChildProcess registry = ChildProcess.gateway(log, "registry", "--config", registryConfig.toString())) {
        String listening = registry.await("registry listening on", 60);
        int port = Integer.parseInt(listening.replaceAll(".*:(\\d+)/api/v1/sync$", "$1"));
        Path gatewayConfig = site.gatewayConfig("gateway.yaml", dir.resolve("gateway-db"), port, 25,
            bundles.get(0).coaps(), bundles.get(1).coaps());
        try (ChildProcess gateway = ChildProcess.gateway(log, "run", "--config", gatewayConfig.toString())) {
          gateway.await("gateway running", 60);
          // each agent signs its first reading at start: birth + reading per pack, collected, verified, synced
          Thread.sleep(10_000); // (the registry's H2 store cannot be read while it runs, so it is read after)
        }
      }
    } finally {
      for (ChildProcess agent : agents) {
        agent.close();
      }
    }

    try (io.packpass.gateway.store.jdbc.JdbcGatewayStore registry = io.packpass.gateway.store.jdbc.JdbcGatewayStore
        .open(io.packpass.gateway.store.jdbc.StoreSettings.h2(dir.resolve("registry-db")), Clock.systemUTC())) {
      assertThat(registry.quarantineCounts()).as("nothing refused on the way").isEmpty();
      for (Bundle b : bundles) {
        List<byte[]> held = registry.updatesSince(b.pack().id, -1, 1_000);
        List<byte[]> journal;
        try (Journal j = Journal.open(b.journal(), JournalOptions.DEFAULT)) {
          journal = j.since(-1, Integer.MAX_VALUE);
        }
        assertThat(held).as("%s reached the registry", b.pack().id.elementString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(held).as("the registry holds the agent's updates byte for byte, each once")
            .hasSameSizeAs(journal.subList(0, held.size()));
        for (int seq = 0; seq < held.size(); seq++) {
          assertThat(held.get(seq)).as("seq %d", seq).isEqualTo(journal.get(seq));
        }
      }
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}

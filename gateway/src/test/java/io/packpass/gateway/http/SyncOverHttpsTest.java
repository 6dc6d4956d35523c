package io.packpass.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.store.OutboxStatus;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.Backoff;
import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.sync.SyncSender;
import io.packpass.gateway.sync.SyncSender.Round;
import io.packpass.gateway.sync.SyncTransport;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.testing.TestTls;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.UpdateCertificates;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import io.packpass.core.pki.TrustStore;
import io.packpass.provisioning.ca.RevocationReason;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway and a registry in one JVM, each with its own H2 store, talking HTTPS with mutual TLS on
 * loopback: the gateway's fleet role certificate from provisioning, the registry's server certificate
 * from a site CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncOverHttpsTest {
  private TestPki pki;
  private TestTls tls;
  private RoleCredential fleet;
  private RoleCredential grader;
  @TempDir
  Path dir;
  private JdbcGatewayStore gatewayStore;
  private JdbcGatewayStore registryStore;
  private Ingest gateway;
  private RegistryHttpServer registry;

  @BeforeAll
  void pki(@TempDir Path pkiDir) {
    pki = new TestPki(pkiDir);
    tls = new TestTls(pkiDir);
    fleet = pki.ca.issueRole(Role.FLEET, "Depot Gateway", Period.ofYears(1), KeyAlgorithm.ED25519);
    grader = pki.ca.issueRole(Role.GRADER, "Reuse Grader", Period.ofYears(1), KeyAlgorithm.ED25519);
  }

  @BeforeEach
  void start() {
    gatewayStore = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("gateway")), Clock.systemUTC());
    gateway = new Ingest(gatewayStore, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(), true);
    registryStore = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("registry")), Clock.systemUTC());
    registry = startRegistry(0);
  }

  private RegistryHttpServer startRegistry(int port) {
    Ingest intake = new Ingest(registryStore, new UpdateCertificates(pki.trust(), Clock.systemUTC()),
        Clock.systemUTC(), false);
    SSLContext server = TlsContexts.server(TlsContexts.keyStore(tls.serverKeyStore, TestTls.PASSPHRASE),
        TestTls.PASSPHRASE, pki::trust, Clock.systemUTC());
    return RegistryHttpServer.start("127.0.0.1", port, server, TlsContexts.recheck(pki::trust, Clock.systemUTC())::apply,
        new SyncIntake(intake, SyncIntake.Limits.DEFAULT));
  }

  @AfterEach
  void stop() {
    registry.close();
    gatewayStore.close();
    registryStore.close();
  }

  private SSLContext clientTls(RoleCredential credential) {
    Path file = dir.resolve(credential.role().id() + "-" + credential.entry().serialHex() + ".p12");
    try {
      java.nio.file.Files.write(file, credential.pkcs12("gw", TestTls.PASSPHRASE));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return TlsContexts.client(TlsContexts.keyStore(file, TestTls.PASSPHRASE), TestTls.PASSPHRASE,
        Optional.of(List.of(tls.ca)));
  }

  private SyncSender sender(RoleCredential credential, int batchItems) {
    return sender(credential, batchItems, registry.port());
  }

  private SyncSender sender(RoleCredential credential, int batchItems, int port) {
    return sender(credential, batchItems, "127.0.0.1", port);
  }

  private SyncSender sender(RoleCredential credential, int batchItems, String uriHost, int port) {
    return sender(clientTls(credential), batchItems, uriHost, port);
  }

  private SyncSender sender(SSLContext clientTls, int batchItems, String uriHost, int port) {
    SyncTransport transport = new HttpsSyncTransport(URI.create("https://" + uriHost + ":" + port),
        clientTls, Duration.ofSeconds(10));
    return new SyncSender(gatewayStore, transport, new SyncSender.Settings(batchItems, 1 << 20, Duration.ofMillis(10)),
        new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), new Random(7)), Clock.systemUTC());
  }

  private void collect(TestPack pack, int upTo) {
    gateway.ingest(pack.upTo(upTo).stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
  }

  private static void drain(SyncSender sender) {
    for (int i = 0; i < 1000 && sender.sendOnce() != Round.IDLE; i++) {
      // until the outbox is empty
    }
  }

  @Test
  void everything_the_gateway_accepted_reaches_the_registry_once_and_leaves_the_outbox() {
    TestPack a = pki.pack();
    TestPack b = pki.pack();
    collect(a, 40);
    collect(b, 25);

    drain(sender(fleet, 16));

    assertThat(gatewayStore.outboxStatus()).isEqualTo(new OutboxStatus(0, 0, Optional.empty()));
    assertThat(registryStore.updateCount()).isEqualTo(41 + 26);
    assertThat(registryStore.updatesSince(a.id, -1, 100)).hasSize(41);
    assertThat(registryStore.head(b.id).orElseThrow().headSeq()).isEqualTo(25);
    assertThat(registryStore.quarantineCounts()).isEmpty();
  }

  @Test
  void a_batch_sent_again_after_a_lost_answer_is_acknowledged_as_duplicates() {
    TestPack pack = pki.pack();
    collect(pack, 5);
    SyncSender sender = sender(fleet, 100);
    drain(sender);
    assertThat(registryStore.updateCount()).isEqualTo(6);
    // the answer got lost on the way back: the gateway still has them queued and sends them again
    SSLContext client = clientTls(fleet);
    SyncTransport transport = new HttpsSyncTransport(URI.create("https://127.0.0.1:" + registry.port()), client,
        Duration.ofSeconds(10));
    List<byte[]> again = pack.upTo(5).stream().map(SignedUpdate::encoded).toList();
    var answer = assertAnswer(transport, io.packpass.gateway.sync.CborSequence.join(again));
    var acks = io.packpass.gateway.sync.SyncAck.decode(answer.body(), 10);
    assertThat(acks).extracting(a -> a.status().id()).containsOnly("duplicate");
    assertThat(registryStore.updateCount()).isEqualTo(6);
  }

  private static SyncTransport.Answer assertAnswer(SyncTransport transport, byte[] body) {
    try {
      SyncTransport.Answer answer = transport.post(body);
      assertThat(answer.status()).as(new String(answer.body())).isEqualTo(200);
      return answer;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void a_client_with_a_role_other_than_fleet_is_refused_and_its_batch_parked_not_retried() {
    TestPack pack = pki.pack();
    collect(pack, 3);
    SyncSender sender = sender(grader, 100);

    assertThat(sender.sendOnce()).isEqualTo(Round.PARKED);
    assertThat(gatewayStore.outboxStatus().parked()).isEqualTo(4);
    assertThat(sender.sendOnce()).as("nothing left to retry").isEqualTo(Round.IDLE);
    assertThat(sender.lastError()).hasValueSatisfying(e -> assertThat(e).contains("403"));
    assertThat(registryStore.updateCount()).isZero();

    gatewayStore.unparkAll();
    drain(sender(fleet, 100));
    assertThat(registryStore.updateCount()).isEqualTo(4);
  }

  @Test
  void a_client_certificate_from_another_pki_does_not_get_through_the_handshake() {
    RoleCredential stranger = pki.foreign.issueRole(Role.FLEET, "Impostor", Period.ofYears(1), KeyAlgorithm.ED25519);
    collect(pki.pack(), 2);
    SyncSender sender = sender(stranger, 100);

    assertThat(sender.sendOnce()).isEqualTo(Round.RETRY);
    assertThat(sender.lastError()).hasValueSatisfying(e -> assertThat(e).contains("refused this gateway's fleet certificate", "handshake"));
    assertThat(registryStore.updateCount()).isZero();
    assertThat(gatewayStore.outboxStatus().pending()).isEqualTo(3);
  }

  @Test
  void updates_the_registry_rejects_are_parked_with_its_reason_and_the_rest_delivered() {
    TestPack pack = pki.pack();
    collect(pack, 4);
    // the registry already holds another seq 3 for this passport (say from another gateway)
    Ingest direct = new Ingest(registryStore, new UpdateCertificates(pki.trust(), Clock.systemUTC()),
        Clock.systemUTC(), false);
    direct.ingest(pack.upTo(2).stream().map(u -> new Incoming(u.encoded(), "other")).toList());
    direct.ingest(new Incoming(pack.forkAt(3, 1_234).encoded(), "other"));

    drain(sender(fleet, 100));

    OutboxStatus status = gatewayStore.outboxStatus();
    assertThat(status.pending()).isZero();
    assertThat(status.parked()).as("seq 3 (fork) and seq 4 (chained to the gateway's seq 3)").isEqualTo(2);
    assertThat(registryStore.quarantineCounts()).containsEntry(QuarantineReason.FORK, 2L);
  }

  @Test
  void the_registry_answers_in_json_when_asked_and_refuses_a_body_that_is_no_cbor_sequence() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(clientTls(fleet)).build();
    URI uri = URI.create("https://127.0.0.1:" + registry.port() + SyncIntake.PATH);
    TestPack pack = pki.pack();
    HttpResponse<String> json = client.send(HttpRequest.newBuilder(uri).header("Content-Type", SyncIntake.REQUEST_TYPE)
        .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(pack.birth().encoded()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).contains("\"status\":\"accepted\"").contains(pack.id.elementString());

    HttpResponse<String> truncated = client.send(HttpRequest.newBuilder(uri).header("Content-Type", SyncIntake.REQUEST_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x84, 0x01})).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(truncated.body()).contains("truncated");

    HttpResponse<String> wrongType = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongType.statusCode()).isEqualTo(415);
  }

  @Test
  void while_the_registry_is_down_the_gateway_keeps_everything_and_delivers_it_when_it_is_back() throws Exception {
    TestPack pack = pki.pack();
    collect(pack, 10);
    int port = registry.port();
    SyncSender sender = sender(fleet, 4);
    registry.close();

    for (int i = 0; i < 3; i++) {
      assertThat(sender.sendOnce()).isEqualTo(Round.RETRY);
    }
    assertThat(sender.failures()).isEqualTo(3);
    assertThat(gatewayStore.outboxStatus().pending()).isEqualTo(11);

    registry = startRegistry(port);
    drain(sender);
    assertThat(registryStore.updatesSince(pack.id, -1, 100)).hasSize(11);
    assertThat(sender.failures()).isZero();
  }

  /**
   * A TLS 1.3 server that takes the first connection's handshake, reads its request and drops it with no
   * answer (what the gateway sees when the refusal of its certificate came after the request and the
   * alert was lost under a reset), and judges every later handshake with {@code later}.
   */
  private final class DroppingServer implements AutoCloseable {
    final SSLServerSocket socket;
    final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;

    DroppingServer(TrustStore first, TrustStore later) throws java.io.IOException {
      this(first, later, InetAddress.getLoopbackAddress());
    }

    DroppingServer(TrustStore first, TrustStore later, InetAddress bind) throws java.io.IOException {
      AtomicBoolean firstDone = new AtomicBoolean();
      SSLContext context = TlsContexts.server(TlsContexts.keyStore(tls.serverKeyStore, TestTls.PASSPHRASE),
          TestTls.PASSPHRASE, () -> firstDone.get() ? later : first, Clock.systemUTC());
      socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, bind);
      socket.setNeedClientAuth(true);
      thread = new Thread(() -> {
        try (SSLSocket dropped = (SSLSocket) socket.accept()) {
          connections.incrementAndGet();
          byte[] head = new byte[4];
          java.io.InputStream in = dropped.getInputStream();
          for (int b; (b = in.read()) >= 0; ) { // up to the end of the request head
            System.arraycopy(head, 1, head, 0, 3);
            head[3] = (byte) b;
            if (new String(head, StandardCharsets.US_ASCII).equals("\r\n\r\n")) {
              break;
            }
          }
          firstDone.set(true);
        } catch (java.io.IOException e) {
          return;
        }
        while (!socket.isClosed()) {
          try (SSLSocket next = (SSLSocket) socket.accept()) {
            connections.incrementAndGet();
            next.setSoTimeout(5_000);
            next.startHandshake();
            next.getInputStream().read(); // holds a taken connection open, like an HTTP server before a request
          } catch (java.io.IOException refusedOrClosed) {
            // the refusal went out as an alert; or the server is closing
          }
        }
      }, "dropping-server");
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(10_000);
    }
  }

  @Test
  void a_refusal_of_the_certificate_whose_alert_was_lost_is_still_named_as_a_refusal() throws Exception {
    refusalWithLostAlertIsNamed(InetAddress.getLoopbackAddress(), "127.0.0.1");
  }

  @Test
  void a_registry_addressed_by_an_ipv6_literal_is_probed_and_its_sessions_are_forgotten() throws Exception {
    InetAddress ipv6Loopback = InetAddress.getByName("::1");
    org.junit.jupiter.api.Assumptions.assumeTrue(canListenOn(ipv6Loopback),
        "this machine has no IPv6 loopback");
    refusalWithLostAlertIsNamed(ipv6Loopback, "[::1]");
  }

  private static boolean canListenOn(InetAddress address) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, address)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private void refusalWithLostAlertIsNamed(InetAddress bind, String uriHost) throws Exception {
    RoleCredential revoked = pki.ca.issueRole(Role.FLEET, "Soon Revoked Gateway", Period.ofYears(1),
        KeyAlgorithm.ED25519);
    TrustStore before = pki.trust();
    pki.ca.revoke(revoked.certificate().getSerialNumber(), RevocationReason.PRIVILEGE_WITHDRAWN);
    collect(pki.pack(), 2);
    SSLContext clientTls = clientTls(revoked);
    try (DroppingServer server = new DroppingServer(before, pki.trust(), bind)) {
      SyncSender sender = sender(clientTls, 100, uriHost, server.port());

      assertThat(sender.sendOnce()).isEqualTo(Round.RETRY);
      assertThat(sender.lastError()).hasValueSatisfying(e -> assertThat(e)
          .contains("refused this gateway's fleet certificate", "alert certificate_unknown", "renew upstream.credential"));
      assertThat(server.connections).as("the request, then the probe").hasValue(2);
      assertThat(java.util.Collections.list(clientTls.getClientSessionContext().getIds()).stream()
          .map(clientTls.getClientSessionContext()::getSession)
          .filter(session -> session != null && session.isValid() && session.getPeerPort() == server.port()))
          .as("no session kept to resume: the next sync is judged in a full handshake").isEmpty();
    }
    assertThat(gatewayStore.outboxStatus().pending()).isEqualTo(3);
    assertThat(gatewayStore.outboxStatus().parked()).isZero();
  }

  @Test
  void a_connection_dropped_by_a_registry_that_takes_the_certificate_is_reported_as_a_network_fault() throws Exception {
    collect(pki.pack(), 2);
    try (DroppingServer server = new DroppingServer(pki.trust(), pki.trust())) {
      SyncSender sender = sender(fleet, 100, server.port());

      assertThat(sender.sendOnce()).isEqualTo(Round.RETRY);
      assertThat(sender.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("registry unreachable: ")
          .doesNotContain("fleet certificate"));
      assertThat(server.connections).as("the request, then the probe").hasValue(2);
    }
    assertThat(gatewayStore.outboxStatus().pending()).isEqualTo(3);
  }
}

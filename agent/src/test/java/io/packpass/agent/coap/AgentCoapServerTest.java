package io.packpass.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.provisioning.ca.RoleCredential;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.packpass.core.pki.TrustStore;
import io.packpass.provisioning.ca.CaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The agent's CoAP service over real loopback sockets, with Californium clients and a real PackPass PKI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentCoapServerTest {
  static final int READINGS = 60;
  static final int PAGE = 16;

  Path dir;
  CoapTestPki pki;
  InMemoryPassportSource source;
  AgentCoapServer server;
  InetSocketAddress plain;
  InetSocketAddress secure;
  final CoapTestClients clients = new CoapTestClients();

  @BeforeAll
  void start(@TempDir Path tempDir) {
    dir = tempDir;
    pki = new CoapTestPki(dir);
    source = pki.source(READINGS);
    server = new AgentCoapServer(source,
        CoapSettings.loopbackEphemeral().withPageSize(PAGE).withFreshInterval(Duration.ZERO),
        Optional.of(pki.serverCredentials()));
    server.start();
    plain = server.plainAddress().orElseThrow();
    secure = server.secureAddress().orElseThrow();
  }

  @AfterAll
  void stop() {
    clients.close();
    server.close();
  }

  // ------------------------------------------------------------------ /passport and roles

  @Test
  void anonymous_get_passport_over_plain_coap_returns_only_the_public_tier() throws Exception {
    CoapResponse r = clients.plain(plain, "/passport").get();
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_CBOR);
    Passport got = Passport.decode(r.getPayload());
    assertThat(got).isEqualTo(PassportView.forRole(source.passport(), Role.ANONYMOUS));
    assertThat(got.condition()).isEmpty();
    assertThat(got.model().testReports()).isEmpty();
    assertThat(source.passport().condition()).isPresent();
  }

  @Test
  void passport_as_json_for_people() throws Exception {
    CoapResponse r = clients.plain(plain, "/passport").get(MediaTypeRegistry.APPLICATION_JSON);
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
    JsonNode json = new ObjectMapper().readTree(r.getResponseText());
    assertThat(json.get("id").asText()).isEqualTo(pki.passport.elementString());
    assertThat(json.has("model")).isTrue();
    assertThat(json.has("condition")).isFalse();
  }

  @Test
  void soh_as_json_for_people() throws Exception {
    CoapResponse r = clients.dtls(secure, "/soh", pki.grader, pki.root()).get(MediaTypeRegistry.APPLICATION_JSON);
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    JsonNode json = new ObjectMapper().readTree(r.getResponseText());
    assertThat(json.get("seq").asLong()).isEqualTo(source.headSeq());
    assertThat(json.get("sohCpct").asLong()).isPositive();
    assertThat(Instant.parse(json.get("time").asText())).isEqualTo(source.passport().lastUpdate().orElseThrow());
    assertThat(json.get("flags").asInt()).isZero();
  }

  @Test
  void the_passport_view_follows_each_new_update_with_a_new_entity_tag() throws Exception {
    CoapClient grader = clients.dtls(secure, "/passport", pki.grader, pki.root());
    CoapResponse before = grader.get();
    CoapResponse same = grader.get();
    assertThat(same.getPayload()).isEqualTo(before.getPayload());
    assertThat(same.getOptions().getETags().get(0)).isEqualTo(before.getOptions().getETags().get(0));

    source.appendSigned(UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(Instant.now().truncatedTo(ChronoUnit.SECONDS), 9_111, 140)),
        Optional.empty());
    CoapResponse after = grader.get();

    assertThat(Passport.decode(after.getPayload())).isEqualTo(PassportView.forRole(source.passport(), Role.GRADER));
    assertThat(after.getPayload()).isNotEqualTo(before.getPayload());
    assertThat(after.getOptions().getETags().get(0)).isNotEqualTo(before.getOptions().getETags().get(0));
    // each role still gets its own view, not the one cached for another role
    Passport anonymous = Passport.decode(clients.plain(plain, "/passport").get().getPayload());
    assertThat(anonymous).isEqualTo(PassportView.forRole(source.passport(), Role.ANONYMOUS));
  }

  @Test
  void a_recycler_over_dtls_gets_the_recycler_view() throws Exception {
    assertRoleView(pki.recycler, Role.RECYCLER);
  }

  @Test
  void a_market_surveillance_authority_over_dtls_gets_the_authority_view() throws Exception {
    Passport view = assertRoleView(pki.authority, Role.AUTHORITY);
    assertThat(view.model().testReports()).isNotEmpty();
  }

  private Passport assertRoleView(RoleCredential credential, Role role) throws Exception {
    CoapResponse r = clients.dtls(secure, "/passport", credential, pki.root()).get();
    assertThat(r).as("response over DTLS").isNotNull();
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    Passport got = Passport.decode(r.getPayload());
    assertThat(got).isEqualTo(PassportView.forRole(source.passport(), role));
    assertThat(got.condition()).isPresent();
    return got;
  }

  @Test
  void certificates_from_an_unknown_ca_fail_the_handshake() {
    // The client finds no certificate from the accepted issuers (our root) and sends none, or the
    // server finds no trust anchor: either way a fatal alert.
    assertThat(handshakeFailure(pki.foreign)).containsAnyOf("BAD_CERTIFICATE", "UNKNOWN_CA");
  }

  @Test
  void expired_certificates_fail_the_handshake() {
    assertThat(handshakeFailure(pki.expired)).contains("CERTIFICATE_EXPIRED");
  }

  @Test
  void revoked_certificates_fail_the_handshake() {
    assertThat(handshakeFailure(pki.revoked)).contains("CERTIFICATE_REVOKED");
  }

  @Test
  void with_a_lapsed_crl_even_a_valid_role_certificate_is_refused_at_the_handshake() {
    // a weekly CRL issued 39 days ago and never refreshed: the agent cannot tell who was revoked since
    CaStore past = CaStore.open(dir.resolve("ca"), CoapTestPki.PASSPHRASE,
        Clock.fixed(Instant.now().minus(Duration.ofDays(39)), ZoneOffset.UTC));
    TrustStore lapsed = new TrustStore(List.of(pki.root()), List.of(past.crl(Duration.ofDays(7))));
    try (AgentCoapServer stale = new AgentCoapServer(pki.source(1), CoapSettings.loopbackEphemeral(),
        Optional.of(DtlsCredentials.of(pki.deviceKey, pki.device.chain(), lapsed, Clock.systemUTC())))) {
      stale.start();
      assertThat(handshakeFailure(clients.dtls(stale.secureAddress().orElseThrow(), "/passport", pki.grader,
          pki.root()))).contains("CERTIFICATE_UNKNOWN");
    }
  }

  @Test
  void certificates_that_name_no_role_fail_the_handshake() {
    // The pack's own device certificate: trusted, client authentication allowed, but no role.
    CoapClient client = clients.dtls(secure, "/passport", pki.serverCredentials().key(), pki.device.chain(),
        pki.root());
    assertThat(handshakeFailure(client)).contains("ACCESS_DENIED");
  }

  /** The client-side failure of a refused handshake, as text (the received alert). */
  private String handshakeFailure(RoleCredential credential) {
    return handshakeFailure(clients.dtls(secure, "/passport", credential, pki.root()));
  }

  private String handshakeFailure(CoapClient client) {
    Throwable t = catchThrowable(() -> assertThat(client.get()).as("no response after a refused handshake").isNull());
    assertThat(t).as("the handshake failure").isNotNull().isNotInstanceOf(AssertionError.class);
    return String.valueOf(t) + " " + t.getCause();
  }

  @Test
  void plain_coap_refuses_everything_beyond_the_public_tier_with_4_01() throws Exception {
    for (String path : List.of("/passport/signed", "/updates?since=-1", "/soh")) {
      CoapResponse r = clients.plain(plain, path).get();
      assertThat(r.getCode()).as(path).isEqualTo(ResponseCode.UNAUTHORIZED);
      assertThat(r.getResponseText()).as(path).contains("coaps://");
    }
    CoapResponse fresh = clients.plain(plain, "/fresh").post(new byte[16], MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    assertThat(fresh.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
  }

  @Test
  void discovery_lists_the_resources() throws Exception {
    CoapResponse r = clients.plain(plain, "/.well-known/core").get();
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(r.getResponseText()).contains("</passport>", "</passport/signed>", "</updates>", "</fresh>")
        .containsPattern("</soh>;[^,]*obs");
  }

  // ------------------------------------------------------------------ signed data

  @Test
  void passport_signed_is_the_newest_update_as_cose() throws Exception {
    CoapResponse r = clients.dtls(secure, "/passport/signed", pki.grader, pki.root()).get();
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_COSE_SIGN1);
    SignedUpdate u = SignedUpdate.parse(r.getPayload());
    assertThat(u.payload().seq()).isEqualTo(source.headSeq());
    assertThat(u.cose().verify(pki.deviceKey.verificationKey())).isTrue();
  }

  @Test
  void updates_come_in_pages_block_wise_and_every_record_verifies_and_links() throws Exception {
    CoapClient client = clients.dtls(secure, "/updates", pki.fleet, pki.root());
    List<SignedUpdate> all = new ArrayList<>();
    long since = -1;
    int pages = 0;
    while (true) {
      client.setURI("coaps://" + secure.getAddress().getHostAddress() + ":" + secure.getPort() + "/updates?since="
          + since);
      CoapResponse r = client.get(MediaTypeRegistry.APPLICATION_CBOR);
      assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
      Cbor.Array page = (Cbor.Array) CborDecoder.decode(r.getPayload());
      if (page.size() > 0 && page.size() == PAGE) {
        // A full page is larger than one CoAP message: it came block-wise (Block2).
        assertThat(r.getPayload().length).isGreaterThan(1024);
      }
      pages++;
      for (int i = 0; i < page.size(); i++) {
        all.add(SignedUpdate.parse(((Cbor.Bytes) page.get(i)).value()));
      }
      if (page.size() < PAGE) {
        break;
      }
      since = all.get(all.size() - 1).payload().seq();
    }
    assertThat(pages).isGreaterThanOrEqualTo(READINGS / PAGE);
    assertThat(all).hasSize((int) source.headSeq() + 1);
    assertThat(all.get(0).cose().verify(pki.manufacturerKey())).isTrue();
    for (int i = 1; i < all.size(); i++) {
      SignedUpdate u = all.get(i);
      assertThat(u.payload().seq()).isEqualTo(i);
      assertThat(u.payload().prev()).isEqualTo(all.get(i - 1).hash());
      assertThat(u.cose().verify(pki.deviceKey.verificationKey())).as("seq %d", i).isTrue();
    }
  }

  @Test
  void updates_refuse_bad_since_with_a_diagnostic() throws Exception {
    CoapClient client = clients.dtls(secure, "/updates", pki.fleet, pki.root());
    String base = "coaps://" + secure.getAddress().getHostAddress() + ":" + secure.getPort() + "/updates";
    client.setURI(base + "?since=abc");
    CoapResponse notNumber = client.get();
    assertThat(notNumber.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(notNumber.getResponseText()).contains("since");
    client.setURI(base + "?since=" + (source.headSeq() + 5));
    CoapResponse beyond = client.get();
    assertThat(beyond.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(beyond.getResponseText()).contains("beyond the head");
    client.setURI(base + "?since=" + source.headSeq());
    CoapResponse atHead = client.get();
    assertThat(atHead.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(((Cbor.Array) CborDecoder.decode(atHead.getPayload())).size()).isZero();
    client.setURI(base + "?since=1&bogus=2");
    assertThat(client.get().getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    client.setURI(base + "?since=1&max=0");
    assertThat(client.get().getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
  }

  @Test
  void accept_mismatch_is_4_06() throws Exception {
    CoapResponse passport = clients.plain(plain, "/passport").get(MediaTypeRegistry.APPLICATION_COSE_SIGN1);
    assertThat(passport.getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
    assertThat(passport.getResponseText()).contains("60");
    CoapResponse updates = clients.dtls(secure, "/updates", pki.fleet, pki.root())
        .get(MediaTypeRegistry.APPLICATION_JSON);
    assertThat(updates.getCode()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
  }

  @Test
  void only_the_fleet_gateway_acknowledges_updates_up_to_the_head() throws Exception {
    CoapResponse ok = clients.dtls(secure, "/updates/ack?seq=5", pki.fleet, pki.root()).post(new byte[0],
        MediaTypeRegistry.UNDEFINED);
    assertThat(ok.getCode()).isEqualTo(ResponseCode.CHANGED);
    assertThat(source.acknowledgedSeq()).isGreaterThanOrEqualTo(5);

    CoapResponse beyond = clients.dtls(secure, "/updates/ack?seq=" + (source.headSeq() + 1), pki.fleet, pki.root())
        .post(new byte[0], MediaTypeRegistry.UNDEFINED);
    assertThat(beyond.getCode()).isEqualTo(ResponseCode.NOT_FOUND);

    CoapResponse grader = clients.dtls(secure, "/updates/ack?seq=1", pki.grader, pki.root()).post(new byte[0],
        MediaTypeRegistry.UNDEFINED);
    assertThat(grader.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(grader.getResponseText()).contains("fleet role certificate");

    CoapResponse anonymous = clients.plain(plain, "/updates/ack?seq=1").post(new byte[0], MediaTypeRegistry.UNDEFINED);
    assertThat(anonymous.getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
  }

  // ------------------------------------------------------------------ observe and fresh

  @Test
  void observers_of_soh_are_notified_after_a_new_update() throws Exception {
    CoapClient client = clients.dtls(secure, "/soh", pki.fleet, pki.root());
    BlockingQueue<CoapResponse> notifications = new LinkedBlockingQueue<>();
    CoapObserveRelation relation = client.observe(new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        notifications.add(response);
      }

      @Override
      public void onError() {
      }
    });
    try {
      CoapResponse first = notifications.poll(5, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.getCode()).isEqualTo(ResponseCode.CONTENT);
      long before = CborFields.of(CborDecoder.decode(first.getPayload()), "$").requireInt(1);
      assertThat(before).isEqualTo(source.headSeq());

      SignedUpdate added = source.appendSigned(UpdateKind.READING,
          UpdateBody.reading(SamplePassports.evReading(Instant.now().truncatedTo(ChronoUnit.SECONDS), 9_300, 130)),
          Optional.empty());

      CoapResponse next = notifications.poll(5, TimeUnit.SECONDS);
      assertThat(next).as("notification after the new update").isNotNull();
      CborFields soh = CborFields.of(CborDecoder.decode(next.getPayload()), "$");
      assertThat(soh.requireInt(1)).isEqualTo(added.payload().seq());
      assertThat(soh.requireInt(3)).isEqualTo(9_300);
      assertThat(soh.requireInt(5)).isZero();
    } finally {
      relation.proactiveCancel();
    }
  }

  @Test
  void fresh_returns_a_signed_reading_carrying_the_nonce() throws Exception {
    byte[] nonce = new byte[24];
    new Random(7).nextBytes(nonce);
    CoapClient client = clients.dtls(secure, "/fresh", pki.grader, pki.root());
    CoapResponse r = client.post(nonce, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
    assertThat(r.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_COSE_SIGN1);
    SignedUpdate u = SignedUpdate.parse(r.getPayload());
    assertThat(u.payload().nonce()).hasValueSatisfying(n -> assertThat(n).isEqualTo(nonce));
    assertThat(u.payload().kind()).isEqualTo(UpdateKind.READING);
    assertThat(u.cose().verify(pki.deviceKey.verificationKey())).isTrue();
    assertThat(u.payload().seq()).isEqualTo(source.headSeq());
    assertThat(Arrays.equals(source.latestSigned(), r.getPayload())).isTrue();
  }

  @Test
  void fresh_readings_are_rate_limited_with_4_29() throws Exception {
    try (AgentCoapServer paced = new AgentCoapServer(pki.source(1),
        CoapSettings.loopbackEphemeral().withFreshInterval(Duration.ofHours(1)),
        Optional.of(pki.serverCredentials()))) {
      paced.start();
      CoapClient client = clients.dtls(paced.secureAddress().orElseThrow(), "/fresh", pki.grader, pki.root());
      assertThat(client.post(new byte[8], MediaTypeRegistry.APPLICATION_OCTET_STREAM).getCode())
          .isEqualTo(ResponseCode.CONTENT);
      CoapResponse again = client.post(new byte[8], MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      assertThat(again.getCode()).isEqualTo(ResponseCode.TOO_MANY_REQUESTS);
      assertThat(again.getOptions().getMaxAge()).isBetween(3_500L, 3_600L);
    }
  }

  @Test
  void fresh_refuses_bad_nonces_and_oversized_payloads() throws Exception {
    CoapClient client = clients.dtls(secure, "/fresh", pki.grader, pki.root());
    CoapResponse shortNonce = client.post(new byte[4], MediaTypeRegistry.APPLICATION_OCTET_STREAM);
    assertThat(shortNonce.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(shortNonce.getResponseText()).contains("8 to 64");
    assertThat(client.post(new byte[65], MediaTypeRegistry.APPLICATION_OCTET_STREAM).getCode())
        .isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(client.post(new byte[16], MediaTypeRegistry.TEXT_PLAIN).getCode())
        .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(client.post(new byte[2000], MediaTypeRegistry.APPLICATION_OCTET_STREAM).getCode())
        .isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    CoapResponse get = client.get();
    assertThat(get.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(get.getResponseText()).contains("GET", "/fresh");
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void unknown_critical_options_get_4_02() throws Exception {
    // CON GET, MID 0x1234, token 0x01, Uri-Path "passport" (11), then option 1001 (odd: critical, unassigned).
    byte[] datagram = {0x41, 0x01, 0x12, 0x34, 0x01,
        (byte) 0xB8, 'p', 'a', 's', 's', 'p', 'o', 'r', 't',
        (byte) 0xE1, 0x02, (byte) 0xD1, 0x00}; // delta 990 = 269 + 0x02D1
    byte[] answer = exchangeRaw(datagram);
    assertThat(answer).as("an answer to the malformed request").isNotNull();
    assertThat(answer[1] & 0xFF).as("response code").isEqualTo(0x82); // 4.02 Bad Option
  }

  @Test
  void the_server_keeps_serving_while_random_datagrams_arrive() throws Exception {
    Random random = new Random(20261125);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(plain.getAddress(), 0))) {
      for (int i = 0; i < 300; i++) {
        for (InetSocketAddress target : List.of(plain, secure)) {
          byte[] junk = new byte[1 + random.nextInt(1200)];
          random.nextBytes(junk);
          if (i % 3 == 0) {
            junk[0] = (byte) (0x40 | (junk[0] & 0x0F)); // looks like CoAP version 1
          } else if (i % 3 == 1 && junk.length > 13) {
            junk[0] = 22; // looks like a DTLS handshake record
            junk[1] = (byte) 0xFE;
            junk[2] = (byte) 0xFD;
          }
          socket.send(new DatagramPacket(junk, junk.length, target));
        }
      }
    }
    assertThat(clients.plain(plain, "/passport").get().getCode()).isEqualTo(ResponseCode.CONTENT);
    CoapResponse overDtls = clients.dtls(secure, "/soh", pki.recycler, pki.root()).get();
    assertThat(overDtls).isNotNull();
    assertThat(overDtls.getCode()).isEqualTo(ResponseCode.CONTENT);
  }

  @Test
  void requests_with_unknown_query_parameters_get_4_00() throws Exception {
    CoapResponse r = clients.plain(plain, "/passport?role=authority").get();
    assertThat(r.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(r.getResponseText()).contains("role");
  }

  // ------------------------------------------------------------------ configuration

  @Test
  void configuration_is_built_in_code_and_a_properties_file_overrides_it() throws Exception {
    assertThat(Path.of("Californium3.properties")).doesNotExist();
    Path file = dir.resolve("coap.properties");
    Files.writeString(file, "COAP.MAX_ACTIVE_PEERS=77\n", StandardCharsets.ISO_8859_1);
    assertThat(CoapConfigurations.agent(Optional.of(file)).get(CoapConfig.MAX_ACTIVE_PEERS)).isEqualTo(77);
    assertThat(CoapConfigurations.agent(Optional.empty()).get(CoapConfig.MAX_RESOURCE_BODY_SIZE))
        .isEqualTo(CoapConfigurations.MAX_REQUEST_BODY_SIZE);
    // the store's own deduplicator is off: the agent's endpoints bring a bounded one (BoundedDeduplicationTest)
    assertThat(CoapConfigurations.agent(Optional.empty()).get(CoapConfig.DEDUPLICATOR))
        .isEqualTo(CoapConfig.NO_DEDUPLICATOR);
    assertThatThrownBy(() -> CoapConfigurations.agent(Optional.of(dir.resolve("missing.properties"))))
        .hasMessageContaining("missing.properties");
  }

  private byte[] exchangeRaw(byte[] datagram) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(plain.getAddress(), 0))) {
      socket.setSoTimeout(3_000);
      socket.send(new DatagramPacket(datagram, datagram.length, plain));
      DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
      socket.receive(in);
      return Arrays.copyOf(in.getData(), in.getLength());
    }
  }
}

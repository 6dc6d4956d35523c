package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.TestClock;
import io.packpass.agent.coap.CoapTestClients;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running agent (simulated e-bike, real identity, journal) answering over real CoAP and DTLS sockets. */
class AgentCoapEndToEndTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.500Z"));

  @Test
  void the_running_agent_serves_its_journal_and_signs_a_fresh_reading_for_a_grader() throws Exception {
    TestBundle bundle = new TestBundle(dir, "sim-lmt");
    RoleCredential grader = bundle.ca.issueRole(Role.GRADER, "Reuse Grader", Period.ofYears(1), KeyAlgorithm.ED25519);
    try (AgentApp app = AgentApp.start(new AgentConfigLoader().load(bundle.config()), clock, clock::nanos);
        CoapTestClients clients = new CoapTestClients()) {
      for (int i = 0; i < 90; i++) {
        app.runner().pollOnce();
        clock.advance(Duration.ofMinutes(1));
      }
      var plain = app.coap().plainAddress().orElseThrow();
      var secure = app.coap().secureAddress().orElseThrow();

      CoapResponse signed = clients.dtls(secure, "/passport/signed", grader, bundle.ca.rootCertificate()).get();
      assertThat(signed.getCode()).isEqualTo(ResponseCode.CONTENT);
      assertThat(signed.getPayload()).isEqualTo(app.runner().log().head().encoded());

      assertThat(clients.plain(plain, "/passport/signed").get().getCode()).as("signed records hold more than the"
          + " public tier").isEqualTo(ResponseCode.UNAUTHORIZED);
      CoapResponse publicView = clients.plain(plain, "/passport").get();
      Passport full = app.runner().log().passport();
      assertThat(Passport.fromCbor(CborDecoder.decode(publicView.getPayload()), "$"))
          .isEqualTo(PassportView.forRole(full, Role.ANONYMOUS));

      byte[] nonce = "grader-visit-2026-03-02".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      long before = app.runner().log().head().payload().seq();
      CoapResponse fresh = clients.dtls(secure, "/fresh", grader, bundle.ca.rootCertificate())
          .post(nonce, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      assertThat(fresh.getCode()).isEqualTo(ResponseCode.CONTENT);
      SignedUpdate u = SignedUpdate.parse(fresh.getPayload());
      assertThat(u.payload().nonce()).hasValueSatisfying(n -> assertThat(Arrays.equals(n, nonce)).isTrue());
      assertThat(u.payload().kind()).isEqualTo(UpdateKind.READING);
      assertThat(u.payload().seq()).isEqualTo(before + 1);
      assertThat(u.cose().verify(bundle.deviceKey.verificationKey(), new byte[0])).isTrue();
      assertThat(app.runner().log().journal().read(before + 1)).isEqualTo(fresh.getPayload());

      // the gateway acknowledges what it collected: the journal may now rotate it out, and not before
      RoleCredential fleet = bundle.ca.issueRole(Role.FLEET, "Depot Gateway", Period.ofYears(1), KeyAlgorithm.ED25519);
      long head = app.runner().log().journal().headSeq();
      CoapResponse ack = clients.dtls(secure, "/updates/ack?seq=" + head, fleet, bundle.ca.rootCertificate())
          .post(new byte[0], MediaTypeRegistry.UNDEFINED);
      assertThat(ack.getCode()).isEqualTo(ResponseCode.CHANGED);
      assertThat(app.runner().log().journal().acknowledgedSeq()).isEqualTo(head);
    }
  }
}

package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.packpass.agent.CapturedLog;
import io.packpass.agent.TestClock;
import io.packpass.agent.coap.CoapTestClients;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.core.passport.Role;
import io.packpass.core.pki.ReloadingTrust;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RevocationReason;
import io.packpass.provisioning.ca.RoleCredential;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.scandium.DTLSConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates that stop being good while the agent runs: a client's role certificate revoked by a
 * CRL installed mid-run or expiring, and the agent's own device certificate revoked. Real DTLS on
 * loopback; the CRL is rewritten in the bundle as `packpass provision crl` would.
 */
class AgentCertificateMidRunTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.500Z"));
  TestBundle bundle;
  CoapTestClients clients;

  @BeforeEach
  void provision() throws Exception {
    bundle = new TestBundle(dir, "sim-lmt");
  }

  @Test
  void a_client_revoked_by_a_crl_installed_mid_run_is_refused_on_its_open_session_on_resumption_and_at_handshake()
      throws Exception {
    RoleCredential fleet = bundle.ca.issueRole(Role.FLEET, "Depot Gateway", Period.ofYears(1), KeyAlgorithm.ED25519);
    try (AgentApp app = start(); CoapTestClients clients = new CoapTestClients(); CapturedLog log = new CapturedLog()) {
      InetSocketAddress secure = app.coap().secureAddress().orElseThrow();
      CoapClient gateway = clients.dtls(secure, "/updates?since=-1", fleet, bundle.ca.rootCertificate());
      assertThat(gateway.get().getCode()).isEqualTo(ResponseCode.CONTENT);

      bundle.ca.revoke(fleet.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
      installCrl();
      assertThat(gateway.get().getCode()).as("before the agent looks at the file again").isEqualTo(ResponseCode.CONTENT);
      clock.advance(ReloadingTrust.DEFAULT_EVERY);

      CoapResponse onSession = gateway.get();
      assertThat(onSession.getCode()).as("the same DTLS association").isEqualTo(ResponseCode.UNAUTHORIZED);
      assertThat(onSession.getResponseText()).contains("no longer accepted");
      ((DTLSConnector) ((org.eclipse.californium.core.network.CoapEndpoint) gateway.getEndpoint()).getConnector()).forceResumeSessionFor(secure);
      assertThat(gateway.get().getCode()).as("a resumed session (abbreviated handshake, no certificate)")
          .isEqualTo(ResponseCode.UNAUTHORIZED);
      CoapClient again = clients.dtls(secure, "/updates?since=-1", fleet, bundle.ca.rootCertificate());
      Throwable refused = catchThrowable(() -> assertThat(again.get()).as("no answer after a refused handshake").isNull());
      assertThat(String.valueOf(refused) + " " + (refused == null ? "" : refused.getCause()))
          .contains("CERTIFICATE_REVOKED");

      assertThat(log.count("now using the CRL")).isEqualTo(1);
      assertThat(log.count("is no longer accepted")).as("once per certificate, not per request").isEqualTo(1);
    }
  }

  @Test
  void a_client_certificate_that_expires_mid_run_is_refused_on_its_open_session_and_its_observation_ends()
      throws Exception {
    // issued on the CA's day (2025-12-01) for 100 days: valid until 2026-03-11, the agent's clock says 2026-03-02
    RoleCredential grader = bundle.ca.issueRole(Role.GRADER, "Reuse Grader", Period.ofDays(100), KeyAlgorithm.ED25519);
    try (AgentApp app = start(); CoapTestClients clients = new CoapTestClients()) {
      app.runner().pollOnce(); // the first reading
      CoapClient soh = clients.dtls(app.coap().secureAddress().orElseThrow(), "/soh", grader, bundle.ca.rootCertificate());
      assertThat(soh.get().getCode()).isEqualTo(ResponseCode.CONTENT);
      BlockingQueue<ResponseCode> notified = new LinkedBlockingQueue<>();
      CoapObserveRelation observation = soh.observe(new CoapHandler() {
        @Override
        public void onLoad(CoapResponse response) {
          notified.add(response.getCode());
        }

        @Override
        public void onError() {
          // the queue stays empty: the poll below fails the test
        }
      });
      assertThat(notified.poll(5, TimeUnit.SECONDS)).isEqualTo(ResponseCode.CONTENT);

      clock.advance(Duration.ofDays(10));
      assertThat(app.runner().pollOnce().signed()).as("a reading, overdue after 10 days").isNotEmpty();
      assertThat(notified.poll(5, TimeUnit.SECONDS)).as("the notification of the new reading")
          .isEqualTo(ResponseCode.UNAUTHORIZED);
      assertThat(observation.isCanceled()).as("a 4.01 notification ends the observation").isTrue();
      assertThat(soh.get().getCode()).isEqualTo(ResponseCode.UNAUTHORIZED);
    }
  }

  @Test
  void an_agent_whose_own_certificate_is_revoked_mid_run_stops_signing_and_keeps_serving_its_journal()
      throws Exception {
    RoleCredential grader = bundle.ca.issueRole(Role.GRADER, "Reuse Grader", Period.ofYears(1), KeyAlgorithm.ED25519);
    try (AgentApp app = start(); CoapTestClients clients = new CoapTestClients(); CapturedLog log = new CapturedLog()) {
      for (int i = 0; i < 90; i++) {
        app.runner().pollOnce();
        clock.advance(Duration.ofMinutes(1));
      }
      long head = app.runner().log().head().payload().seq();
      assertThat(head).isPositive();

      bundle.ca.revoke(bundle.device.entry().serial(), RevocationReason.KEY_COMPROMISE);
      installCrl();
      for (int i = 0; i < 3 * 60; i++) {
        assertThat(app.runner().pollOnce().signed()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
      }
      assertThat(app.runner().log().head().payload().seq()).isEqualTo(head);
      assertThat(log.count("the device certificate (serial")).as("said once:%n%s", log.text()).isEqualTo(1);
      assertThat(log.text()).contains("signs nothing more").contains("keeps serving the " + (head + 1) + " updates in its journal");

      InetSocketAddress secure = app.coap().secureAddress().orElseThrow();
      CoapResponse updates = clients.dtls(secure, "/updates?since=-1", grader, bundle.ca.rootCertificate()).get();
      assertThat(updates.getCode()).isEqualTo(ResponseCode.CONTENT);
      CoapResponse fresh = clients.dtls(secure, "/fresh", grader, bundle.ca.rootCertificate())
          .post(new byte[16], MediaTypeRegistry.APPLICATION_OCTET_STREAM);
      assertThat(fresh.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
      assertThat(fresh.getOptions().getMaxAge()).isEqualTo(3600);
    }
  }

  private AgentApp start() throws Exception {
    return AgentApp.start(new AgentConfigLoader().load(bundle.config()), clock, clock::nanos);
  }

  /** A new CRL in the bundle's crl.pem, as an operator copies it onto the Pi. */
  private void installCrl() throws Exception {
    Path tmp = bundle.dir.resolve("crl.pem.new");
    Files.writeString(tmp, CertificateText.pem(bundle.ca.crl(TestBundle.untilAYearFromNow())));
    Files.move(tmp, bundle.dir.resolve("crl.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}

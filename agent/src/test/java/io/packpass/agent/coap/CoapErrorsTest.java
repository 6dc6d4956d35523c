package io.packpass.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.passport.Passport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How failures of the source reach a client: 5.03 with Max-Age, 5.00 without internal detail. */
class CoapErrorsTest {
  final CoapTestClients clients = new CoapTestClients();
  AgentCoapServer server;
  Supplier<Passport> passport;

  @BeforeEach
  void start(@TempDir Path dir) {
    InMemoryPassportSource real = new CoapTestPki(dir).source(1);
    PassportSource failing = new PassportSource() {
      @Override
      public Passport passport() {
        return passport.get();
      }

      @Override
      public byte[] latestSigned() {
        return real.latestSigned();
      }

      @Override
      public long headSeq() {
        return real.headSeq();
      }

      @Override
      public long firstSeq() {
        return real.firstSeq();
      }

      @Override
      public List<byte[]> since(long seq, int max) {
        return real.since(seq, max);
      }

      @Override
      public void acknowledge(long seq) {
        throw new IllegalStateException("not used");
      }

      @Override
      public SohSummary soh() {
        return real.soh();
      }

      @Override
      public byte[] fresh(byte[] nonce) {
        return real.fresh(nonce);
      }

      @Override
      public Subscription subscribe(Runnable onAppend) {
        return real.subscribe(onAppend);
      }
    };
    server = new AgentCoapServer(failing, CoapSettings.loopbackEphemeral(), Optional.empty());
    server.start();
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
  }

  @Test
  void an_unavailable_source_is_5_03_with_max_age() throws Exception {
    passport = () -> {
      throw new SourceUnavailableException("bus /dev/i2c-1 timed out at 0x0B", Duration.ofSeconds(30));
    };
    CoapResponse r = clients.plain(server.plainAddress().orElseThrow(), "/passport").get();
    assertThat(r.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
    assertThat(r.getOptions().getMaxAge()).isEqualTo(30);
    assertThat(r.getResponseText()).doesNotContain("i2c", "0x0B");
  }

  @Test
  void an_internal_error_is_5_00_without_detail() throws Exception {
    passport = () -> {
      throw new IllegalStateException("secret internal state at /var/lib/packpass");
    };
    CoapResponse r = clients.plain(server.plainAddress().orElseThrow(), "/passport").get();
    assertThat(r.getCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
    assertThat(r.getPayload()).isEmpty();
  }
}

package io.packpass.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PassportSource} must do, run against each implementation: the in-memory one and
 * the journal-backed one.
 */
abstract class PassportSourceContract {
  static final int READINGS = 12;

  /** A source holding the birth record and {@link #READINGS} readings, and a way to add one more. */
  interface Fixture {
    PassportSource source();

    /** Appends a reading the way the agent's loop would (not through {@code fresh}). */
    void appendReading(Instant time);
  }

  abstract Fixture fixture() throws Exception;

  Fixture f;
  PassportSource source;

  @BeforeEach
  void open() throws Exception {
    f = fixture();
    source = f.source();
  }

  @Test
  void head_first_and_latest_signed_agree() {
    assertThat(source.headSeq()).isEqualTo(READINGS);
    assertThat(source.firstSeq()).isZero();
    List<byte[]> last = source.since(source.headSeq() - 1, 5);
    assertThat(last).hasSize(1);
    assertThat(Arrays.equals(last.get(0), source.latestSigned())).isTrue();
    assertThat(SignedUpdate.parse(source.latestSigned()).payload().seq()).isEqualTo(READINGS);
  }

  @Test
  void since_returns_the_chain_in_order_and_bounded() {
    List<byte[]> all = source.since(-1, 1000);
    assertThat(all).hasSize(READINGS + 1);
    SignedUpdate previous = null;
    for (int i = 0; i < all.size(); i++) {
      SignedUpdate u = SignedUpdate.parse(all.get(i));
      assertThat(u.payload().seq()).isEqualTo(i);
      if (previous != null) {
        assertThat(u.payload().prev()).isEqualTo(previous.hash());
      }
      previous = u;
    }
    assertThat(source.since(5, 3)).extracting(b -> SignedUpdate.parse(b).payload().seq()).containsExactly(6L, 7L, 8L);
    assertThat(source.since(source.headSeq(), 10)).isEmpty();
  }

  @Test
  void fresh_signs_a_reading_with_the_nonce_appends_it_and_tells_subscribers() {
    AtomicInteger told = new AtomicInteger();
    PassportSource.Subscription subscription = source.subscribe(told::incrementAndGet);
    byte[] nonce = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    SignedUpdate fresh = SignedUpdate.parse(source.fresh(nonce));
    assertThat(fresh.payload().kind()).isEqualTo(UpdateKind.READING);
    assertThat(fresh.payload().nonce()).hasValueSatisfying(n -> assertThat(n).isEqualTo(nonce));
    assertThat(fresh.payload().seq()).isEqualTo(READINGS + 1);
    assertThat(source.headSeq()).isEqualTo(READINGS + 1);
    assertThat(Arrays.equals(source.latestSigned(), fresh.encoded())).isTrue();
    assertThat(told).hasValue(1);
    subscription.cancel();
    source.fresh(nonce);
    assertThat(told).hasValue(1);
  }

  @Test
  void soh_follows_the_head() {
    AtomicInteger told = new AtomicInteger();
    source.subscribe(told::incrementAndGet);
    f.appendReading(Instant.now());
    assertThat(told).hasValue(1);
    SohSummary soh = source.soh();
    assertThat(soh.seq()).isEqualTo(source.headSeq()).isEqualTo(READINGS + 1);
    assertThat(soh.sohCpct()).isPresent();
    assertThat(soh.time()).isEqualTo(SignedUpdate.parse(source.latestSigned()).payload().time());
  }
}

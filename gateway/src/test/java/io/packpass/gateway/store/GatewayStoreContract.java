package io.packpass.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.passport.Passport;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.gateway.testing.StoreContractBase;
import io.packpass.gateway.testing.StoreFactory;
import io.packpass.gateway.testing.TestPack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store's contract, run against H2 and a real PostgreSQL ({@link H2StoreTest}, {@link PostgresStoreTest}).
 * These tests write through the port directly, with folded passports made by core, so they pin down
 * what the store keeps; {@code IngestContract} tests the verification on top.
 */
abstract class GatewayStoreContract extends StoreContractBase {
  GatewayStoreContract(StoreFactory factory) {
    super(factory);
  }

  /** Accepts updates 0..n of {@code pack} the way the verifier would, folding the passport with core. */
  private void acceptUpTo(TestPack pack, int n, boolean forward) {
    store.inTransaction(tx -> {
      Optional<Passport> passport = tx.lockHead(pack.id).map(PassportHead::passport);
      long from = tx.lockHead(pack.id).map(PassportHead::headSeq).orElse(-1L) + 1;
      for (SignedUpdate u : pack.upTo(n).subList((int) from, n + 1)) {
        Passport after = UpdateBody.apply(passport, u.payload());
        tx.accept(new AcceptedUpdate(u, after, Instant.now(), "test", forward));
        passport = Optional.of(after);
      }
      return null;
    });
  }

  @Test
  void an_accepted_birth_record_becomes_the_head_of_its_chain() {
    TestPack pack = pki.pack();
    acceptUpTo(pack, 0, false);

    PassportHead head = store.head(pack.id).orElseThrow();
    assertThat(head.headSeq()).isZero();
    assertThat(head.headHash()).isEqualTo(pack.birth().hash());
    assertThat(head.passport().id()).isEqualTo(pack.id);
    assertThat(head.passport().model()).isEqualTo(UpdateBody.apply(Optional.empty(), pack.birth().payload()).model());
  }

  @Test
  void accepted_updates_are_kept_byte_for_byte_and_served_in_seq_order() {
    TestPack pack = pki.pack();
    acceptUpTo(pack, 3, false);
    acceptUpTo(pack, 5, false);

    List<byte[]> since2 = store.updatesSince(pack.id, 2, 100);
    assertThat(since2).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(since2.get(i)).isEqualTo(pack.at(3 + i).encoded());
    }
    assertThat(store.updatesSince(pack.id, -1, 2)).hasSize(2);
    assertThat(store.head(pack.id).orElseThrow().headSeq()).isEqualTo(5);
    assertThat(store.updateCount()).isEqualTo(6);
  }

  @Test
  void reads_in_a_transaction_see_its_own_writes_before_they_are_committed() {
    TestPack pack = pki.pack();
    acceptUpTo(pack, 1, false);
    store.inTransaction(tx -> {
      Passport p = tx.lockHead(pack.id).orElseThrow().passport();
      for (int seq = 2; seq <= 4; seq++) {
        p = UpdateBody.apply(Optional.of(p), pack.at(seq).payload());
        tx.accept(new AcceptedUpdate(pack.at(seq), p, Instant.now(), "test", false));
      }
      assertThat(tx.lockHead(pack.id).orElseThrow().headSeq()).isEqualTo(4);
      assertThat(tx.hashAt(pack.id, 3)).contains(pack.at(3).hash());
      assertThat(tx.hashAt(pack.id, 1)).contains(pack.at(1).hash());
      assertThat(tx.hashAt(pack.id, 5)).isEmpty();
      return null;
    });
  }

  @Test
  void a_transaction_that_fails_keeps_nothing() {
    TestPack pack = pki.pack();
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.accept(new AcceptedUpdate(pack.birth(), UpdateBody.apply(Optional.empty(), pack.birth().payload()),
          Instant.now(), "test", true));
      tx.quarantine(entry(QuarantineReason.FORK, pack.at(1)));
      throw new IllegalStateException("power cut");
    })).hasMessage("power cut");

    assertThat(store.head(pack.id)).isEmpty();
    assertThat(store.quarantineCounts()).isEmpty();
    assertThat(store.outboxStatus().total()).isZero();
  }

  @Test
  void the_store_itself_refuses_a_second_update_at_a_taken_chain_position() {
    TestPack pack = pki.pack();
    acceptUpTo(pack, 0, false);
    // a writer that skips the head lock and stores another birth record for the same passport
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.accept(new AcceptedUpdate(pack.birth(), UpdateBody.apply(Optional.empty(), pack.birth().payload()),
          Instant.now(), "rogue", false));
      return null;
    })).isInstanceOf(StoreConflictException.class);
    assertThat(store.updateCount()).isEqualTo(1);
  }

  @Test
  void a_locked_head_makes_a_second_writer_wait_and_then_see_the_new_head() throws Exception {
    TestPack pack = pki.pack();
    acceptUpTo(pack, 0, false);
    CountDownLatch locked = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = pool.submit(() -> store.inTransaction(tx -> {
        Passport p = tx.lockHead(pack.id).orElseThrow().passport();
        tx.accept(new AcceptedUpdate(pack.at(1), UpdateBody.apply(Optional.of(p), pack.at(1).payload()),
            Instant.now(), "first", false));
        locked.countDown();
        sleep(Duration.ofMillis(400));
        return null;
      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Long> second = pool.submit(() -> store.inTransaction(tx -> tx.lockHead(pack.id).orElseThrow().headSeq()));
      first.get(10, TimeUnit.SECONDS);
      assertThat(second.get(10, TimeUnit.SECONDS)).as("the head seen after waiting for the lock").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void quarantined_bytes_are_kept_with_their_reason_and_counted_per_reason() {
    TestPack pack = pki.pack();
    SignedUpdate fork = pack.forkAt(1, 5_000);
    store.inTransaction(tx -> {
      tx.quarantine(entry(QuarantineReason.FORK, fork));
      tx.quarantine(entry(QuarantineReason.FORK, pack.forkAt(2, 5_000)));
      tx.quarantine(QuarantineEntry.of(Instant.now(), "coap://198.51.100.7", QuarantineReason.MALFORMED,
          "not a COSE_Sign1", Optional.empty(), OptionalLong.empty(), Optional.empty(), new byte[] {1, 2, 3}));
      return null;
    });

    assertThat(store.quarantineCounts()).isEqualTo(Map.of(QuarantineReason.FORK, 2L, QuarantineReason.MALFORMED, 1L));
    List<QuarantineEntry> recent = store.recentQuarantine(10);
    assertThat(recent).hasSize(3);
    assertThat(recent.get(0).reason()).isEqualTo(QuarantineReason.MALFORMED);
    assertThat(recent.get(0).passport()).isEmpty();
    QuarantineEntry first = recent.get(2);
    assertThat(first.bytes()).isEqualTo(fork.encoded());
    assertThat(first.passport()).contains(pack.id);
    assertThat(first.seq()).hasValue(1);
    assertThat(first.hash()).contains(fork.hash());
    assertThat(first.detail()).isEqualTo("seq 1 differs");
    assertThat(store.head(pack.id)).as("nothing quarantined reaches the chain").isEmpty();
  }

  @Test
  void the_same_bytes_refused_again_for_the_same_reason_count_up_one_entry() {
    TestPack pack = pki.pack();
    SignedUpdate fork = pack.forkAt(1, 5_000);
    store.inTransaction(tx -> {
      tx.quarantine(entry(QuarantineReason.FORK, fork));
      tx.quarantine(entry(QuarantineReason.FORK, fork));
      return null;
    });
    store.inTransaction(tx -> {
      tx.quarantine(entry(QuarantineReason.FORK, fork));
      tx.quarantine(entry(QuarantineReason.GAP, fork));
      return null;
    });

    assertThat(store.quarantineCounts()).isEqualTo(Map.of(QuarantineReason.FORK, 1L, QuarantineReason.GAP, 1L));
    QuarantineEntry forkEntry = store.recentQuarantine(10).stream().filter(e -> e.reason() == QuarantineReason.FORK)
        .findFirst().orElseThrow();
    assertThat(forkEntry.repeats()).isEqualTo(3);
  }

  @Test
  void forwarded_updates_wait_in_the_outbox_in_acceptance_order_until_delivered() {
    TestPack a = pki.pack();
    TestPack b = pki.pack();
    acceptUpTo(a, 2, true);
    acceptUpTo(b, 1, true);
    acceptUpTo(a, 3, true);

    List<OutboxItem> batch = store.nextBatch(10, 1 << 20);
    assertThat(batch).extracting(OutboxItem::seq).containsExactly(0L, 1L, 2L, 0L, 1L, 3L);
    assertThat(batch.get(3).passport()).isEqualTo(b.id);
    assertThat(batch.get(5).cose()).isEqualTo(a.at(3).encoded());
    assertThat(store.outboxStatus().pending()).isEqualTo(6);
    assertThat(store.outboxByPassport().get(a.id.elementString()).pending()).isEqualTo(4);

    long oneItem = a.at(0).encoded().length;
    assertThat(store.nextBatch(10, oneItem)).as("the byte budget").hasSize(1);
    assertThat(store.nextBatch(10, 1)).as("always at least one").hasSize(1);

    store.delivered(List.of(batch.get(0).id(), batch.get(1).id()));
    store.park(Map.of(batch.get(2).id(), "rejected by the registry: fork"), Instant.now());
    assertThat(store.nextBatch(10, 1 << 20)).extracting(OutboxItem::id)
        .containsExactly(batch.get(3).id(), batch.get(4).id(), batch.get(5).id());
    OutboxStatus status = store.outboxStatus();
    assertThat(status.pending()).isEqualTo(3);
    assertThat(status.parked()).isEqualTo(1);

    assertThat(store.unparkAll()).isEqualTo(1);
    assertThat(store.nextBatch(1, 1 << 20)).extracting(OutboxItem::id).containsExactly(batch.get(2).id());
  }

  @Test
  void updates_that_are_not_forwarded_never_enter_the_outbox() {
    acceptUpTo(pki.pack(), 2, false);
    assertThat(store.outboxStatus()).isEqualTo(new OutboxStatus(0, 0, Optional.empty()));
  }

  @Test
  void the_fleet_view_has_one_record_per_pack_with_its_soh_now_and_at_the_start_of_the_trend_window() {
    TestPack a = pki.pack();
    TestPack b = pki.pack();
    acceptUpTo(a, 30, false);
    acceptUpTo(b, 0, false);

    List<FleetRecord> fleet = store.fleet(TestPack.timeOf(10));
    assertThat(fleet).hasSize(2);
    FleetRecord ra = fleet.stream().filter(r -> r.passport().id().equals(a.id)).findFirst().orElseThrow();
    assertThat(ra.headSeq()).isEqualTo(30);
    assertThat(ra.sohLatest()).contains(new FleetRecord.SohPoint(TestPack.timeOf(30), 9_800 - 30));
    assertThat(ra.sohEarlier()).contains(new FleetRecord.SohPoint(TestPack.timeOf(10), 9_800 - 10));
    FleetRecord rb = fleet.stream().filter(r -> r.passport().id().equals(b.id)).findFirst().orElseThrow();
    assertThat(rb.sohLatest()).isEmpty();
    assertThat(rb.headSeq()).isZero();
  }

  private static QuarantineEntry entry(QuarantineReason reason, SignedUpdate u) {
    return QuarantineEntry.of(Instant.now(), "test", reason, "seq " + u.payload().seq() + " differs",
        Optional.of(u.payload().passportId()), OptionalLong.of(u.payload().seq()), Optional.of(u.hash()), u.encoded());
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

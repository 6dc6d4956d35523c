package io.packpass.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.store.QuarantineEntry;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.testing.StoreContractBase;
import io.packpass.gateway.testing.StoreFactory;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult.Status;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Verification and storage together, on both stores: genuine chains are stored, and tampered, forged,
 * replayed, reordered and forked updates are quarantined with the right reason while the valid chain
 * stays intact.
 */
abstract class IngestContract extends StoreContractBase {
  private Ingest ingest;

  IngestContract(StoreFactory factory) {
    super(factory);
  }

  @Override
  protected void opened() {
    ingest = new Ingest(store, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(), true);
  }

  private IngestResult offer(SignedUpdate u) {
    return ingest.ingest(new Incoming(u.encoded(), "test"));
  }

  private IngestResult offer(byte[] bytes) {
    return ingest.ingest(new Incoming(bytes, "test"));
  }

  private void assertChainIntact(TestPack pack, int head) {
    assertThat(store.head(pack.id).orElseThrow().headSeq()).isEqualTo(head);
    List<byte[]> stored = store.updatesSince(pack.id, -1, 1000);
    assertThat(stored).hasSize(head + 1);
    for (int i = 0; i <= head; i++) {
      assertThat(stored.get(i)).as("stored seq %d", i).isEqualTo(pack.at(i).encoded());
    }
  }

  private QuarantineReason rejected(IngestResult r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.REJECTED);
    return r.reason().orElseThrow();
  }

  @Test
  void a_genuine_chain_is_stored_in_order_and_queued_for_the_registry() {
    TestPack pack = pki.pack();
    for (SignedUpdate u : pack.upTo(5)) {
      IngestResult r = offer(u);
      assertThat(r.status()).as(r.toString()).isEqualTo(Status.ACCEPTED);
    }
    assertChainIntact(pack, 5);
    assertThat(store.head(pack.id).orElseThrow().passport().condition().orElseThrow().values())
        .as("the folded passport holds the latest reading").isNotEmpty();
    assertThat(store.outboxStatus().pending()).isEqualTo(6);
    assertThat(ingest.counters().accepted()).isEqualTo(6);
  }

  @Test
  void a_replayed_update_is_acknowledged_as_a_duplicate_and_stored_once() {
    TestPack pack = pki.pack();
    pack.upTo(2).forEach(this::offer);

    IngestResult replay = offer(pack.at(1));
    assertThat(replay.status()).isEqualTo(Status.DUPLICATE);
    assertThat(replay.isHeld()).isTrue();
    assertThat(offer(pack.birth()).status()).isEqualTo(Status.DUPLICATE);
    assertChainIntact(pack, 2);
    assertThat(store.outboxStatus().pending()).as("queued once").isEqualTo(3);
    assertThat(store.quarantineCounts()).isEmpty();
    assertThat(ingest.counters().duplicates()).isEqualTo(2);
  }

  @Test
  void a_tampered_update_is_quarantined_for_its_signature() {
    TestPack pack = pki.pack();
    pack.upTo(1).forEach(this::offer);
    byte[] bytes = pack.at(2).encoded();
    bytes[bytes.length - 1] ^= 0x01; // last byte of the signature

    IngestResult r = offer(bytes);
    assertThat(rejected(r)).isEqualTo(QuarantineReason.BAD_SIGNATURE);
    assertThat(r.seq()).hasValue(2);
    QuarantineEntry kept = store.recentQuarantine(1).get(0);
    assertThat(kept.bytes()).isEqualTo(bytes);
    assertThat(kept.reason()).isEqualTo(QuarantineReason.BAD_SIGNATURE);
    assertChainIntact(pack, 1);
    assertThat(offer(pack.at(2)).status()).as("the genuine one still fits").isEqualTo(Status.ACCEPTED);
  }

  @Test
  void bytes_that_are_no_update_are_quarantined_as_malformed() {
    assertThat(rejected(offer(new byte[] {(byte) 0xd2, (byte) 0x84, 0x40}))).isEqualTo(QuarantineReason.MALFORMED);
    assertThat(rejected(offer(new byte[70_000]))).isEqualTo(QuarantineReason.MALFORMED);
    assertThat(store.quarantineCounts()).containsEntry(QuarantineReason.MALFORMED, 2L);
  }

  @Test
  void an_update_from_another_manufacturers_pki_is_quarantined_as_untrusted() {
    TestPack foreign = pki.foreignPack();
    assertThat(rejected(offer(foreign.birth()))).isEqualTo(QuarantineReason.UNTRUSTED_CERTIFICATE);
    assertThat(store.head(foreign.id)).isEmpty();
  }

  @Test
  void a_reading_signed_by_another_key_than_its_certificate_is_quarantined_for_the_kid() {
    TestPack pack = pki.pack();
    pack.upTo(1).forEach(this::offer);
    SoftwareSigner impostor = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom())
        .withCertificateChain(pack.device.certificateChain());

    assertThat(rejected(offer(pack.nextSignedBy(impostor)))).isEqualTo(QuarantineReason.KID_MISMATCH);
    assertChainIntact(pack, 1);
  }

  @Test
  void a_device_of_one_pack_cannot_sign_readings_of_another() {
    TestPack victim = pki.pack();
    TestPack other = pki.pack();
    victim.upTo(1).forEach(this::offer);

    assertThat(rejected(offer(victim.nextSignedBy(other.device)))).isEqualTo(QuarantineReason.PASSPORT_NOT_IN_CERTIFICATE);
    assertChainIntact(victim, 1);
  }

  @Test
  void a_birth_record_signed_by_a_device_key_is_quarantined() {
    TestPack pack = pki.pack();
    SignedUpdate fakeBirth = SignedUpdate.sign(pack.device, pack.birth().payload());

    assertThat(rejected(offer(fakeBirth))).isEqualTo(QuarantineReason.NOT_PASSPORT_SIGNER);
    assertThat(store.head(pack.id)).isEmpty();
  }

  @Test
  void an_update_naming_its_key_by_kid_only_is_checked_against_the_chain_an_earlier_update_announced() {
    TestPack pack = pki.pack();
    pack.upTo(1).forEach(this::offer); // seq 1 carries the device certificate chain, as an agent's first update does

    assertThat(offer(pack.nextByKid()).status()).as("learned from the stored seq 1").isEqualTo(Status.ACCEPTED);
    assertChainIntact(pack, 2);
    // and within one batch: a catch-up page that starts with the announcing update
    TestPack fresh = pki.pack();
    List<Incoming> page = new ArrayList<>();
    page.add(new Incoming(fresh.birth().encoded(), "test"));
    page.add(new Incoming(fresh.next().encoded(), "test"));
    for (int i = 0; i < 3; i++) {
      page.add(new Incoming(fresh.nextByKid().encoded(), "test"));
    }
    assertThat(ingest.ingest(page)).extracting(IngestResult::status).containsOnly(Status.ACCEPTED);
    assertChainIntact(fresh, 4);
    assertThat(store.announcedChain(fresh.id, fresh.at(2).kid())).hasValueSatisfying(
        chain -> assertThat(chain.get(0)).isEqualTo(fresh.device.certificateChain().get(0)));
  }

  @Test
  void a_kid_only_update_whose_key_no_update_announced_is_quarantined() {
    TestPack pack = pki.pack();
    offer(pack.birth());
    SoftwareSigner bare = SoftwareSigner.fromPkcs8(pack.device.pkcs8());

    IngestResult r = offer(pack.nextSignedBy(bare));
    assertThat(rejected(r)).isEqualTo(QuarantineReason.NO_CERTIFICATE);
    assertThat(r.detail()).contains("no earlier update", "announced");
  }

  @Test
  void a_key_announced_for_one_pack_does_not_vouch_for_readings_of_another() {
    TestPack victim = pki.pack();
    TestPack other = pki.pack();
    victim.upTo(1).forEach(this::offer);
    other.upTo(1).forEach(this::offer); // other's device key is known, for other's passport

    SoftwareSigner otherKidOnly = SoftwareSigner.fromPkcs8(other.device.pkcs8());
    assertThat(rejected(offer(victim.nextSignedBy(otherKidOnly)))).isEqualTo(QuarantineReason.NO_CERTIFICATE);
    assertChainIntact(victim, 1);
  }

  @Test
  void readings_of_a_revoked_device_are_quarantined() {
    TestPack pack = pki.revokedPack();
    Ingest withNewCrl = new Ingest(store, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(), true);
    assertThat(withNewCrl.ingest(new Incoming(pack.birth().encoded(), "test")).status()).isEqualTo(Status.ACCEPTED);

    IngestResult r = withNewCrl.ingest(new Incoming(pack.at(1).encoded(), "test"));
    assertThat(rejected(r)).isEqualTo(QuarantineReason.REVOKED);
    assertThat(r.detail()).contains("key compromise");
  }

  @Test
  void with_a_crl_past_its_next_update_nothing_is_judged_stored_or_quarantined() {
    TestPack pack = pki.pack();
    // issued 20 days ago (the CA's clock) for one day
    io.packpass.core.pki.TrustStore stale = new io.packpass.core.pki.TrustStore(List.of(pki.ca.rootCertificate()),
        List.of(pki.ca.crl(java.time.Duration.ofDays(1))));
    Ingest strict = new Ingest(store, new UpdateCertificates(stale, Clock.systemUTC()), Clock.systemUTC(), true);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.ingest(new Incoming(pack.birth().encoded(), "test")))
        .isInstanceOf(TrustUnavailableException.class).hasMessageContaining("load a newer CRL");
    assertThat(store.head(pack.id)).isEmpty();
    assertThat(store.quarantineCounts()).isEmpty();
  }

  @Test
  void reordered_updates_are_quarantined_as_a_gap_and_accepted_once_the_missing_one_arrives() {
    TestPack pack = pki.pack();
    pack.upTo(3);
    offer(pack.birth());

    assertThat(rejected(offer(pack.at(2)))).isEqualTo(QuarantineReason.GAP);
    assertThat(offer(pack.at(1)).status()).isEqualTo(Status.ACCEPTED);
    assertThat(offer(pack.at(2)).status()).isEqualTo(Status.ACCEPTED);
    assertThat(offer(pack.at(3)).status()).isEqualTo(Status.ACCEPTED);
    assertChainIntact(pack, 3);
  }

  @Test
  void a_fork_is_quarantined_and_the_accepted_chain_stays() {
    TestPack pack = pki.pack();
    pack.upTo(3).forEach(this::offer);

    SignedUpdate fork = pack.forkAt(2, 4_200);
    assertThat(rejected(offer(fork))).isEqualTo(QuarantineReason.FORK);
    SignedUpdate forkOnTop = pack.forkAt(4, 4_200);
    assertThat(offer(forkOnTop).status()).as("chained to the real seq 3, so it is the next update").isEqualTo(Status.ACCEPTED);
    assertThat(store.quarantineCounts()).containsEntry(QuarantineReason.FORK, 1L);
    assertThat(store.recentQuarantine(10).get(0).bytes()).isEqualTo(fork.encoded());
  }

  @Test
  void a_batch_is_judged_in_chain_order_and_answered_in_its_own_order() {
    TestPack a = pki.pack();
    TestPack b = pki.pack();
    a.upTo(3);
    b.upTo(2);
    byte[] garbage = {0x01};
    List<Incoming> batch = List.of(in(a.at(3)), in(b.at(1)), in(a.at(1)), new Incoming(garbage, "test"), in(a.birth()),
        in(b.birth()), in(a.at(2)), in(b.at(2)), in(a.at(1)));

    List<IngestResult> results = ingest.ingest(batch);
    assertThat(results).extracting(IngestResult::status).containsExactly(Status.ACCEPTED, Status.ACCEPTED,
        Status.ACCEPTED, Status.REJECTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED, Status.ACCEPTED,
        Status.DUPLICATE);
    assertThat(results.get(0).seq()).hasValue(3);
    assertThat(results.get(0).passport()).contains(a.id);
    assertChainIntact(a, 3);
    assertChainIntact(b, 2);
  }

  @Test
  void two_collectors_delivering_the_same_chain_at_once_store_it_once() throws Exception {
    TestPack pack = pki.pack();
    List<SignedUpdate> chain = pack.upTo(30);
    List<IngestResult> all = race(() -> {
      List<IngestResult> mine = new ArrayList<>();
      for (SignedUpdate u : chain) {
        mine.add(offer(u));
      }
      return mine;
    }, () -> {
      List<IngestResult> mine = new ArrayList<>();
      for (SignedUpdate u : chain) {
        mine.add(offer(u));
      }
      return mine;
    });
    assertThat(all).filteredOn(r -> r.status() == Status.ACCEPTED).hasSize(31);
    assertThat(all).filteredOn(r -> r.status() == Status.DUPLICATE).hasSize(31);
    assertChainIntact(pack, 30);
    assertThat(store.quarantineCounts()).isEmpty();
    assertThat(store.outboxStatus().pending()).isEqualTo(31);
  }

  @Test
  void two_collectors_delivering_rival_chains_at_once_never_fork_the_stored_one() throws Exception {
    TestPack pack = pki.pack();
    List<SignedUpdate> genuine = pack.upTo(20);
    List<SignedUpdate> rival = new ArrayList<>(List.of(pack.birth()));
    // same device key, same birth record, a different history from seq 1 on
    byte[] prev = pack.birth().hash();
    for (int seq = 1; seq <= 20; seq++) {
      SignedUpdate u = rivalReading(pack, seq, prev);
      rival.add(u);
      prev = u.hash();
    }
    race(() -> genuine.stream().map(this::offer).toList(), () -> rival.stream().map(this::offer).toList());

    List<byte[]> stored = store.updatesSince(pack.id, -1, 1000);
    byte[] expectedPrev = new byte[32];
    for (int i = 0; i < stored.size(); i++) {
      SignedUpdate u = SignedUpdate.parse(stored.get(i));
      assertThat(u.payload().seq()).isEqualTo(i);
      assertThat(u.payload().prev()).as("seq %d names the stored seq %d", i, i - 1).isEqualTo(expectedPrev);
      expectedPrev = MessageDigest.getInstance("SHA-256").digest(stored.get(i));
    }
    assertThat(stored).hasSize(21);
    long forks = store.quarantineCounts().getOrDefault(QuarantineReason.FORK, 0L);
    assertThat(forks).as("every update of the losing chain at a taken position").isGreaterThan(0);
  }

  private static SignedUpdate rivalReading(TestPack pack, int seq, byte[] prev) {
    return SignedUpdate.sign(pack.device, new io.packpass.core.update.UpdatePayload(pack.id, seq, prev,
        TestPack.timeOf(seq), io.packpass.core.update.UpdateKind.READING,
        io.packpass.core.update.UpdateBody.reading(io.packpass.core.sample.SamplePassports.evReading(
            TestPack.timeOf(seq), 5_000 - seq, seq)), java.util.Optional.empty()));
  }

  @SafeVarargs
  private static List<IngestResult> race(Callable<List<IngestResult>>... collectors) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(collectors.length);
    try {
      List<Future<List<IngestResult>>> futures = pool.invokeAll(Arrays.asList(collectors), 2, TimeUnit.MINUTES);
      List<IngestResult> all = new ArrayList<>();
      for (Future<List<IngestResult>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Incoming in(SignedUpdate u) {
    return new Incoming(u.encoded(), "test");
  }
}

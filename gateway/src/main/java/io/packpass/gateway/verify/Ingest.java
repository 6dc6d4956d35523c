package io.packpass.gateway.verify;

import io.packpass.core.cbor.CborLimits;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.Verdict;
import io.packpass.gateway.store.AcceptedUpdate;
import io.packpass.gateway.store.ChainStore;
import io.packpass.gateway.store.ChainTransaction;
import io.packpass.gateway.store.PassportHead;
import io.packpass.gateway.store.QuarantineEntry;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.store.StoreConflictException;
import io.packpass.gateway.verify.CertificateVerdict.Refused;
import io.packpass.gateway.verify.CertificateVerdict.Trusted;
import io.packpass.gateway.verify.IngestResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parse, verify, store: the one way an update enters the gateway's store, whether a collector fetched
 * it from an agent or a gateway synced it here. Each update is parsed within bounds, its certificates
 * checked ({@link UpdateCertificates}), then judged by core's {@link ChainVerifier} against the stored
 * head of its chain and, in the same transaction, stored (accepted), acknowledged (duplicate) or
 * quarantined with the reason. A batch is one transaction, so a crash keeps all of it or none.
 *
 * <p>Two ingests of the same passport take turns on the head's row lock; a birth record stored by
 * another transaction meanwhile surfaces as a conflict and the batch is judged again, so the stored
 * chain never forks. Within a batch, updates are judged in (passport, seq) order, which is also the
 * order rows are locked in (no deadlocks between batches). Thread-safe.
 */
public final class Ingest {
  /** Conflicts only arise from a race on the same chain position; a few rounds always settle it. */
  static final int MAX_ATTEMPTS = 8;

  private final ChainStore store;
  private final UpdateCertificates certificates;
  private final Clock clock;
  private final Duration clockTolerance;
  private final CborLimits limits;
  private final boolean forward;
  private final IntakeGate gate;
  private final IngestCounters counters = new IngestCounters();

  /**
   * @param forward whether accepted updates go into the outbox (a gateway with an upstream registry)
   * @param gate asked before every batch whether updates may come in at all
   */
  public Ingest(ChainStore store, UpdateCertificates certificates, Clock clock, Duration clockTolerance,
      CborLimits limits, boolean forward, IntakeGate gate) {
    this.store = Objects.requireNonNull(store, "store");
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.clockTolerance = Objects.requireNonNull(clockTolerance, "clockTolerance");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.forward = forward;
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  public Ingest(ChainStore store, UpdateCertificates certificates, Clock clock, boolean forward) {
    this(store, certificates, clock, ChainVerifier.DEFAULT_CLOCK_TOLERANCE, CborLimits.DEFAULT, forward,
        IntakeGate.OPEN);
  }

  /** One update that arrived, and from where (an agent's address, a gateway's certificate subject). */
  public record Incoming(byte[] bytes, String source) {
    public Incoming {
      Objects.requireNonNull(source, "source");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /** An incoming update with what is known of it before the chain is consulted. */
  private record Item(int index, Incoming incoming, Optional<SignedUpdate> update, Optional<Trusted> trusted,
      Optional<Refused> refused) {
    PassportId passport() {
      return update.orElseThrow().payload().passportId();
    }

    long seq() {
      return update.orElseThrow().payload().seq();
    }
  }

  public IngestResult ingest(Incoming incoming) {
    return ingest(List.of(incoming)).get(0);
  }

  /**
   * Judges and stores {@code batch}; the results are in the batch's order.
   *
   * @throws BackpressureException when the gate takes no more updates (nothing stored or quarantined)
   * @throws TrustUnavailableException when the CRL is out of date (nothing stored or quarantined)
   * @throws io.packpass.gateway.store.StoreException when the store fails (nothing stored or quarantined)
   */
  public List<IngestResult> ingest(List<Incoming> batch) {
    gate.admit(batch.size());
    Instant now = clock.instant();
    List<Optional<SignedUpdate>> parsed = new ArrayList<>(batch.size());
    List<Optional<Refused>> malformed = new ArrayList<>(batch.size());
    Map<String, List<byte[]>> announcedHere = new HashMap<>();
    for (Incoming incoming : batch) {
      try {
        SignedUpdate update = SignedUpdate.parse(incoming.bytes(), limits);
        parsed.add(Optional.of(update));
        malformed.add(Optional.empty());
        announcedIn(update).ifPresent(der -> announcedHere.putIfAbsent(keyOf(update), der));
      } catch (UpdateFormatException e) {
        parsed.add(Optional.empty());
        malformed.add(Optional.of(new Refused(QuarantineReason.MALFORMED, e.getMessage())));
      }
    }
    List<Item> items = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      items.add(prepare(i, batch.get(i), parsed.get(i), malformed.get(i), announcedHere));
    }
    List<Item> chained = items.stream().filter(i -> i.trusted().isPresent())
        .sorted(Comparator.comparing((Item i) -> i.passport().elementString()).thenComparingLong(Item::seq))
        .toList();
    for (int attempt = 1; ; attempt++) {
      try {
        IngestResult[] results = store.inTransaction(tx -> judge(tx, items, chained, now));
        List<IngestResult> out = Arrays.asList(results);
        out.forEach(counters::count);
        return out;
      } catch (StoreConflictException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * An update that names its key by kid only is checked against the chain announced for that kid: by
   * an update earlier in this batch (a catch-up page starts with the agent's announcing update) or
   * by one already stored.
   */
  private Item prepare(int index, Incoming incoming, Optional<SignedUpdate> parsed, Optional<Refused> malformed,
      Map<String, List<byte[]>> announcedHere) {
    if (parsed.isEmpty()) {
      return new Item(index, incoming, Optional.empty(), Optional.empty(), malformed);
    }
    SignedUpdate update = parsed.get();
    Optional<List<byte[]>> announced = Optional.empty();
    if (announcedIn(update).isEmpty()) {
      announced = Optional.ofNullable(announcedHere.get(keyOf(update)))
          .or(() -> store.announcedChain(update.payload().passportId(), update.kid()));
    }
    CertificateVerdict verdict = certificates.check(update, announced);
    if (verdict instanceof Trusted trusted) {
      return new Item(index, incoming, Optional.of(update), Optional.of(trusted), Optional.empty());
    }
    return new Item(index, incoming, Optional.of(update), Optional.empty(), Optional.of((Refused) verdict));
  }

  private IngestResult[] judge(ChainTransaction tx, List<Item> items, List<Item> chained, Instant now) {
    IngestResult[] results = new IngestResult[items.size()];
    for (Item item : items) {
      if (item.refused().isPresent()) {
        results[item.index()] = quarantine(tx, item, item.refused().get().reason(), item.refused().get().detail(), now);
      }
    }
    for (Item item : chained) {
      SignedUpdate update = item.update().orElseThrow();
      ChainVerifier verifier = new ChainVerifier(item.trusted().orElseThrow().keys(), clock, clockTolerance);
      Verdict verdict = verifier.check(new StoredHistory(tx, item.passport()), update);
      switch (verdict.outcome()) {
        case ACCEPTED:
          tx.accept(new AcceptedUpdate(update, verdict.passport().orElseThrow(), now, item.incoming().source(), forward));
          results[item.index()] = result(Status.ACCEPTED, Optional.empty(), verdict.reason(), update);
          break;
        case DUPLICATE:
          results[item.index()] = result(Status.DUPLICATE, Optional.empty(), verdict.reason(), update);
          break;
        default:
          results[item.index()] = quarantine(tx, item, QuarantineReason.of(verdict.outcome()), verdict.reason(), now);
      }
    }
    return results;
  }

  private static IngestResult quarantine(ChainTransaction tx, Item item, QuarantineReason reason, String detail,
      Instant now) {
    Optional<SignedUpdate> u = item.update();
    tx.quarantine(QuarantineEntry.of(now, item.incoming().source(), reason, detail,
        u.map(x -> x.payload().passportId()), u.map(x -> OptionalLong.of(x.payload().seq())).orElse(OptionalLong.empty()),
        u.map(SignedUpdate::hash), item.incoming().bytes()));
    return u.map(x -> result(Status.REJECTED, Optional.of(reason), detail, x))
        .orElseGet(() -> new IngestResult(Status.REJECTED, Optional.of(reason), detail, Optional.empty(),
            OptionalLong.empty(), Optional.empty()));
  }

  private static IngestResult result(Status status, Optional<QuarantineReason> reason, String detail, SignedUpdate u) {
    return new IngestResult(status, reason, detail, Optional.of(u.payload().passportId()),
        OptionalLong.of(u.payload().seq()), Optional.of(u.hash()));
  }

  private static Optional<List<byte[]>> announcedIn(SignedUpdate update) {
    try {
      List<byte[]> der = update.cose().certificateChain();
      return der.isEmpty() ? Optional.empty() : Optional.of(der);
    } catch (io.packpass.core.cose.CoseException e) {
      return Optional.empty(); // judged (and refused) by UpdateCertificates
    }
  }

  private static String keyOf(SignedUpdate update) {
    return update.payload().passportId().elementString() + " " + update.kid();
  }

  public IngestCounters counters() {
    return counters;
  }

  /** Core's view of one stored chain, read through (and locked by) the transaction. */
  private static final class StoredHistory implements ChainVerifier.History {
    private final ChainTransaction tx;
    private final PassportId id;
    private final Optional<PassportHead> head;

    StoredHistory(ChainTransaction tx, PassportId id) {
      this.tx = tx;
      this.id = id;
      this.head = tx.lockHead(id);
    }

    @Override
    public long headSeq() {
      return head.map(PassportHead::headSeq).orElse(-1L);
    }

    @Override
    public Optional<byte[]> hashAt(long seq) {
      return tx.hashAt(id, seq);
    }

    @Override
    public Optional<Passport> passport() {
      return head.map(PassportHead::passport);
    }
  }
}

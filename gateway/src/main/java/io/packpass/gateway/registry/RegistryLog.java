package io.packpass.gateway.registry;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.StatusRecord;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.gateway.actor.Actor;
import io.packpass.gateway.actor.ActorRefusedException;
import io.packpass.gateway.actor.ActorVerifier;
import io.packpass.gateway.registry.LogResult.Status;
import io.packpass.gateway.store.LogRow;
import io.packpass.gateway.store.PassportRecord;
import io.packpass.gateway.store.RegistryStore;
import io.packpass.gateway.store.StoreConflictException;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.UpdateCertificates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify, judge, append: the one way an entry enters a passport's registry log (docs/registry.md).
 * The signer is checked first ({@link ActorVerifier}: chain to the root, not revoked, kid, signature),
 * then, with the passport's row locked, the entry's place (next seq, prev = the head's hash), its
 * basis in the device chain, the lifecycle ({@link Lifecycle}: entitlement and transition) and the
 * body (folded into the passport by core's {@code UpdateBody.apply}); the entry and the folded
 * passport are stored together. A decision must carry the fresh signed reading it was made from
 * (evidence: device certificate for this passport, the grader's nonce); when that reading continues
 * the registry's device chain it is stored there too. Entries are immutable. Thread-safe.
 */
public final class RegistryLog {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryLog.class);
  public static final Duration DEFAULT_CLOCK_TOLERANCE = Duration.ofMinutes(5);
  /** A grading decision rests on a reading at most this old. */
  public static final Duration MAX_EVIDENCE_AGE = Duration.ofHours(1);

  private final RegistryStore store;
  private final ActorVerifier actors;
  private final UpdateCertificates devices;
  private final Optional<Ingest> ingest;
  private final Clock clock;
  private final Duration tolerance;

  public RegistryLog(RegistryStore store, ActorVerifier actors, UpdateCertificates devices, Optional<Ingest> ingest,
      Clock clock, Duration tolerance) {
    this.store = store;
    this.actors = actors;
    this.devices = devices;
    this.ingest = ingest;
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /**
   * @param expected the passport the entry was sent to (the URL's)
   * @throws io.packpass.gateway.verify.TrustUnavailableException when the CRL is out of date
   * @throws io.packpass.gateway.store.StoreException when the store fails (nothing appended)
   */
  public LogResult submit(byte[] bytes, PassportId expected) {
    LogEntry entry;
    try {
      entry = LogEntry.parse(bytes);
    } catch (LogFormatException e) {
      return LogResult.refused(LogRefusal.MALFORMED, e.getMessage());
    }
    LogEntry.Payload p = entry.payload();
    if (!p.passportId().equals(expected)) {
      return LogResult.refused(LogRefusal.WRONG_PASSPORT, "the entry is for " + p.passportId().elementString()
          + ", sent to " + expected.elementString(), entry);
    }
    Instant now = clock.instant();
    Actor actor;
    try {
      actor = actors.verify(entry.cose(), entry.kid(), now);
    } catch (ActorRefusedException e) {
      return LogResult.refused(LogRefusal.fromCode(e.code()),
          e.getMessage(), entry);
    }
    if (Duration.between(p.time(), now).abs().compareTo(tolerance) > 0) {
      return LogResult.refused(LogRefusal.CLOCK_OUT_OF_TOLERANCE, "the entry is signed at " + p.time()
          + ", the registry's clock says " + now + " (tolerance " + tolerance + ")", entry);
    }
    Optional<SignedUpdate> evidence = Optional.empty();
    if (p.kind() == LogKind.DECISION) {
      try {
        evidence = Optional.of(evidence(entry));
      } catch (EvidenceException e) {
        return LogResult.refused(LogRefusal.BAD_EVIDENCE, e.getMessage(), entry);
      }
    }
    Optional<String> successorProblem = successorProblem(entry);
    if (successorProblem.isPresent()) {
      return LogResult.refused(LogRefusal.ILLEGAL_TRANSITION, successorProblem.get(), entry);
    }
    evidence.ifPresent(this::ingestIfNext);
    for (int attempt = 1; ; attempt++) {
      try {
        LogResult result = store.inRegistryTransaction(tx -> judge(tx, entry, actor, now));
        if (result.status() == Status.ACCEPTED) {
          LOG.info("log of {}: seq {} {} by {} ({})", p.passportId().elementString(), p.seq(), p.kind().id(),
              actor.subject(), actor.roleId());
        }
        return result;
      } catch (StoreConflictException e) {
        if (attempt == 3) {
          return LogResult.refused(LogRefusal.CONFLICT, "another entry took log seq " + p.seq() + " first", entry);
        }
      }
    }
  }

  private LogResult judge(io.packpass.gateway.store.RegistryTransaction tx, LogEntry entry, Actor actor, Instant now) {
    LogEntry.Payload p = entry.payload();
    Optional<PassportRecord> locked = tx.lock(p.passportId());
    if (locked.isEmpty()) {
      return LogResult.refused(LogRefusal.UNKNOWN_PASSPORT, "the registry holds no passport "
          + p.passportId().elementString(), entry);
    }
    PassportRecord record = locked.get();
    if (p.seq() <= record.logSeq()) {
      List<LogRow> there = store.log(p.passportId(), p.seq() - 1, 1, Optional.empty());
      if (!there.isEmpty() && Arrays.equals(there.get(0).hash(), entry.hash())) {
        return new LogResult(Status.DUPLICATE, Optional.empty(), "already in the log", Optional.of(p.seq()),
            Optional.of(entry.hash()));
      }
    }
    byte[] head = record.logHash().orElse(LogEntry.genesis());
    if (p.seq() != record.logSeq() + 1 || !Arrays.equals(p.prev(), head)) {
      return LogResult.refused(LogRefusal.CONFLICT, "the log of " + p.passportId().elementString() + " is at seq "
          + record.logSeq() + " (hash " + HexFormat.of().formatHex(head) + "); the entry must be seq "
          + (record.logSeq() + 1) + " naming that hash as prev", entry);
    }
    if (p.basisSeq() > record.headSeq() && p.kind() != LogKind.DECISION) {
      return LogResult.refused(LogRefusal.BASIS_MISMATCH, "the entry is based on device seq " + p.basisSeq()
          + "; the registry holds the device chain up to seq " + record.headSeq(), entry);
    }
    // a decision's basis is its evidence, verified above; past the registry's head (its gateway has not
    // synced yet) it is checked against the chain when that arrives: a fork there is quarantined
    Optional<byte[]> basis = p.basisSeq() > record.headSeq() ? Optional.of(p.basisHash())
        : tx.deviceHashAt(p.passportId(), p.basisSeq());
    if (basis.isEmpty() || !Arrays.equals(basis.get(), p.basisHash())) {
      return LogResult.refused(LogRefusal.BASIS_MISMATCH, "device seq " + p.basisSeq() + " at the registry is not the"
          + " update the entry names (hash " + HexFormat.of().formatHex(p.basisHash()) + ")", entry);
    }
    Lifecycle.Change change;
    Passport after;
    try {
      change = change(p);
      after = fold(record.passport(), entry);
      checkBody(p, actor, after);
    } catch (CborException | IllegalArgumentException | IllegalStateException e) {
      return LogResult.refused(LogRefusal.MALFORMED, "entry body: " + e.getMessage(), entry);
    }
    BatteryStatus current = record.passport().status().map(StatusRecord::status).orElse(BatteryStatus.ORIGINAL);
    Lifecycle.Judgement judgement = Lifecycle.judge(record.state(), current, change, actor);
    if (!judgement.isAllowed()) {
      return LogResult.refused(judgement.refusal().orElseThrow(), judgement.detail(), entry);
    }
    if (change instanceof Lifecycle.Change.ToStatus s && s.status() == BatteryStatus.WASTE
        && p.responsible().isEmpty()) {
      return LogResult.refused(LogRefusal.MALFORMED, "a waste entry names the operator now responsible for the"
          + " passport (field 9)", entry);
    }
    tx.append(p.passportId(), new LogRow(p.seq(), p.kind(), p.time(), p.basisSeq(), actor.roleId(), actor.subject(),
        entry.hash(), entry.encoded()), after, judgement.next(), now);
    return new LogResult(Status.ACCEPTED, Optional.empty(), "appended", Optional.of(p.seq()), Optional.of(entry.hash()));
  }

  static Lifecycle.Change change(LogEntry.Payload p) {
    switch (p.kind()) {
      case DECISION:
        return new Lifecycle.Change.Decision();
      case CLOSURE:
        return new Lifecycle.Change.Recycled();
      default:
        CborFields body = CborFields.of(p.body(), "$.6");
        return new Lifecycle.Change.ToStatus(StatusRecord.fromCbor(body.require(1), body.pathOf(1)).status());
    }
  }

  /** The passport with the entry folded in: core's fold for status and decision; a closure changes no field. */
  static Passport fold(Passport passport, LogEntry entry) {
    LogEntry.Payload p = entry.payload();
    if (p.kind() == LogKind.CLOSURE) {
      CborFields body = CborFields.of(p.body(), "$.6").rejectUnknown(Set.of(1L));
      body.requireText(1, 256);
      return passport;
    }
    UpdateKind kind = p.kind() == LogKind.STATUS ? UpdateKind.STATUS : UpdateKind.DECISION;
    // core folds a payload; its seq and prev are the device chain's business, not this log's
    Passport folded = UpdateBody.apply(Optional.of(passport),
        new UpdatePayload(p.passportId(), 1, entry.hash(), p.time(), kind, p.body(), Optional.empty()));
    // lastUpdate stays the device chain's: core's chain verifier compares the pack's next signed time with
    // it, and a log entry signed now must not make the agent's next reading look like a rollback
    return new Passport(folded.id(), folded.model(), folded.item(), folded.condition(), folded.statusHistory(),
        folded.events(), folded.decisions(), folded.predecessors(), folded.successors(), passport.lastUpdate());
  }

  /** The signed record names its signer and its time as the entry does, so the folded passport tells who and when. */
  private static void checkBody(LogEntry.Payload p, Actor actor, Passport after) {
    if (p.kind() == LogKind.STATUS) {
      StatusRecord s = after.status().orElseThrow();
      require(s.time().equals(p.time()), "the status record's time " + s.time() + " is not the entry's " + p.time());
      require(s.actor().equals(actor.subject()), "the status record names '" + s.actor() + "' as actor, the entry"
          + " is signed by " + actor.subject());
    } else if (p.kind() == LogKind.DECISION) {
      Decision d = after.decisions().get(after.decisions().size() - 1);
      require(d.time().equals(p.time()), "the decision's time " + d.time() + " is not the entry's " + p.time());
      require(d.grader().equals(actor.subject()), "the decision names '" + d.grader() + "' as grader, the entry is"
          + " signed by " + actor.subject());
    }
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A repurposed or remanufactured battery's successor must be registered and name this passport as predecessor. */
  private Optional<String> successorProblem(LogEntry entry) {
    LogEntry.Payload p = entry.payload();
    if (p.kind() != LogKind.STATUS) {
      return Optional.empty();
    }
    Optional<Cbor> named = p.body().get(2);
    if (named.isEmpty()) {
      return Optional.empty(); // core's fold refuses repurposed/remanufactured without one
    }
    PassportId successor;
    try {
      successor = Passport.passportId(named.get(), "$.6.2");
    } catch (CborException e) {
      return Optional.of("successor: " + e.getMessage());
    }
    if (successor.equals(p.passportId())) {
      return Optional.of("a passport cannot succeed itself");
    }
    Optional<PassportRecord> record = store.record(successor);
    if (record.isEmpty()) {
      return Optional.of("the successor " + successor.elementString() + " is not registered: submit its birth record"
          + " (POST /api/v1/passports) first");
    }
    if (!record.get().passport().predecessors().contains(p.passportId())) {
      return Optional.of("the successor " + successor.elementString() + " does not name "
          + p.passportId().elementString() + " among its predecessors (its birth record, Art. 77(7))");
    }
    return Optional.empty();
  }

  private static final class EvidenceException extends Exception {
    private static final long serialVersionUID = 1L;

    EvidenceException(String message) {
      super(message);
    }
  }

  /** The fresh reading a decision was made from: the pack's own signature, the grader's nonce, the basis. */
  private SignedUpdate evidence(LogEntry entry) throws EvidenceException {
    LogEntry.Payload p = entry.payload();
    byte[] bytes = p.evidence().orElseThrow(() -> new EvidenceException("a decision carries the fresh signed reading"
        + " it was made from (field 8)"));
    SignedUpdate fresh;
    try {
      fresh = SignedUpdate.parse(bytes);
    } catch (UpdateFormatException e) {
      throw new EvidenceException("evidence: " + e.getMessage());
    }
    UpdatePayload f = fresh.payload();
    if (!f.passportId().equals(p.passportId()) || f.kind() != UpdateKind.READING) {
      throw new EvidenceException("the evidence is a " + f.kind() + " of " + f.passportId().elementString()
          + ", not a reading of this pack");
    }
    if (f.nonce().isEmpty()) {
      throw new EvidenceException("the evidence carries no nonce: it is not a fresh reading (agent /fresh)");
    }
    if (f.seq() != p.basisSeq() || !Arrays.equals(fresh.hash(), p.basisHash())) {
      throw new EvidenceException("the entry's basis is not its evidence (seq " + f.seq() + ")");
    }
    if (f.time().isAfter(p.time().plus(tolerance)) || f.time().isBefore(p.time().minus(MAX_EVIDENCE_AGE))) {
      throw new EvidenceException("the reading was signed at " + f.time() + ", the decision at " + p.time()
          + ": a decision rests on a reading at most " + MAX_EVIDENCE_AGE + " old");
    }
    Optional<String> problem = devices.verifyAlone(fresh);
    if (problem.isPresent()) {
      throw new EvidenceException("evidence: " + problem.get());
    }
    return fresh;
  }

  /** A fresh reading that continues the registry's device chain joins it, so the decision's basis is held here. */
  private void ingestIfNext(SignedUpdate fresh) {
    if (ingest.isEmpty()) {
      return;
    }
    Optional<PassportRecord> record = store.record(fresh.payload().passportId());
    if (record.isPresent() && fresh.payload().seq() == record.get().headSeq() + 1
        && Arrays.equals(fresh.payload().prev(), record.get().headHash())) {
      LOG.debug("storing the fresh reading seq {} of {} that a decision rests on", fresh.payload().seq(),
          fresh.payload().passportId());
      ingest.get().ingest(new Ingest.Incoming(fresh.encoded(), "grader evidence"));
    }
  }
}

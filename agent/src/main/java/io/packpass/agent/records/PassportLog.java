package io.packpass.agent.records;

import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.journal.Journal;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This pack's passport as the agent keeps it: the birth record from provisioning, then every update
 * the agent signed, in the {@link Journal}, and the passport they add up to. Every update is signed
 * with the device key, continues the hash chain, and is in the journal (forced to the device) before
 * anyone hears of it. Thread-safe: the polling loop and CoAP requests ({@code /fresh}) append through
 * the same lock.
 *
 * <p>Which updates carry the device certificate chain (x5chain, about 1 KB): the first one signed
 * after each start, and every fresh reading (a grader checks that one on its own, maybe offline).
 * The rest name the key by kid. A verifier walking the chain learns the certificate from the first,
 * and every restart (the only time the key can have changed) announces it again; without it a
 * reading is 0.7 KB instead of 1.7 KB and travels in one CoAP block instead of two.
 */
public final class PassportLog {
  private static final Logger LOG = LoggerFactory.getLogger(PassportLog.class);

  private final Journal journal;
  private final DeviceIdentity identity;
  private final SigningClock clock;
  private final Supplier<TrustStore> trust;
  private final List<Consumer<SignedUpdate>> listeners = new CopyOnWriteArrayList<>();
  private Passport passport;
  private SignedUpdate head;
  private boolean chainAnnounced;

  private PassportLog(Journal journal, DeviceIdentity identity, SigningClock clock, Supplier<TrustStore> trust) {
    this.journal = journal;
    this.identity = identity;
    this.clock = clock;
    this.trust = trust;
  }

  /**
   * Opens the log: a new journal starts with {@code birth} (verified first); an existing one must
   * start with the same birth record, and its records are applied to rebuild the passport.
   *
   * @throws RecordsException when the journal belongs to another passport or cannot be rebuilt
   */
  public static PassportLog open(Journal journal, DeviceIdentity identity, SignedUpdate birth, Clock clock) {
    return open(journal, identity, birth, new SigningClock(clock, System::nanoTime), identity::trust);
  }

  /**
   * As {@link #open(Journal, DeviceIdentity, SignedUpdate, Clock)}, signing at the times {@code clock} gives
   * while the device certificate is valid under {@code trust} (asked before every update: a CRL
   * installed while the agent runs can stop it signing, see {@link SigningStoppedException}).
   */
  public static PassportLog open(Journal journal, DeviceIdentity identity, SignedUpdate birth, SigningClock clock,
      Supplier<TrustStore> trust) {
    identity.verifyBirth(birth);
    PassportLog log = new PassportLog(journal, identity, clock, trust);
    if (journal.headSeq() < 0) {
      journal.append(birth);
      LOG.info("journal started with the birth record of {}", birth.payload().passportId().elementString());
    } else if (journal.firstSeq() == 0 && !Arrays.equals(journal.read(0), birth.encoded())) {
      throw new RecordsException("the journal starts with another birth record than the configured one: it belongs"
          + " to another pack or another provisioning; move it away or configure the right birth record");
    } else if (journal.firstSeq() > 0) {
      throw new RecordsException("the journal no longer holds the birth record (seq 0; it starts at seq "
          + journal.firstSeq() + "), so the passport cannot be rebuilt from it");
    }
    Optional<Passport> current = Optional.empty();
    for (byte[] bytes : journal.since(-1, Integer.MAX_VALUE)) {
      SignedUpdate u = SignedUpdate.parse(bytes);
      current = Optional.of(UpdateBody.apply(current, u.payload()));
      log.head = u;
    }
    log.passport = current.orElseThrow();
    return log;
  }

  /** The passport as it stands (complete; filter it with {@code PassportView} before showing it). */
  public synchronized Passport passport() {
    return passport;
  }

  /** The newest signed update. */
  public synchronized SignedUpdate head() {
    return head;
  }

  public Journal journal() {
    return journal;
  }

  /** Signs and journals a reading of {@code condition}, optionally carrying a verifier's nonce. */
  public synchronized SignedUpdate appendReading(Condition condition, Optional<byte[]> nonce) {
    return append(UpdateKind.READING, UpdateBody.reading(condition), nonce);
  }

  /** Signs and journals negative events. */
  public synchronized SignedUpdate appendEvents(List<NegativeEvent> events) {
    return append(UpdateKind.EVENT, UpdateBody.events(events), Optional.empty());
  }

  /** Checks the clock for steps between updates (see {@link SigningClock}); the agent's loop calls it every poll. */
  public synchronized void observeClock() {
    clock.observe();
  }

  /** Told about every update after it is in the journal (e.g. CoAP observe). */
  public void addListener(Consumer<SignedUpdate> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops telling {@code listener}. */
  public void removeListener(Consumer<SignedUpdate> listener) {
    listeners.remove(listener);
  }

  private SignedUpdate append(UpdateKind kind, Cbor.Map body, Optional<byte[]> nonce) {
    Instant time = clock.next(head.payload().time());
    Optional<String> stop = identity.whyNotSign(trust.get(), time);
    if (stop.isPresent()) {
      throw new SigningStoppedException(stop.get());
    }
    UpdatePayload payload = new UpdatePayload(identity.passport(), head.payload().seq() + 1, head.hash(), time, kind,
        body, nonce);
    Passport next = UpdateBody.apply(Optional.of(passport), payload);
    boolean announce = !chainAnnounced || nonce.isPresent();
    SignedUpdate update = SignedUpdate.sign(announce ? identity.announcingSigner() : identity.signer(), payload);
    journal.append(update);
    chainAnnounced = true;
    head = update;
    passport = next;
    for (Consumer<SignedUpdate> l : listeners) {
      try {
        l.accept(update);
      } catch (RuntimeException e) {
        LOG.warn("update listener failed: {}", e.toString());
      }
    }
    return update;
  }
}

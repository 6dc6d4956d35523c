package io.packpass.agent.coap;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cose.Signer;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Passport;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link PassportSource} that keeps the whole chain in memory: for tests, demos and the simulator.
 * It starts from a birth record; {@link #append} adds updates signed elsewhere (checked to extend
 * the chain: seq + 1, prev = hash of the head), {@link #fresh} signs a reading with {@code signer}
 * from what {@code reader} reports at the clock's time.
 */
public final class InMemoryPassportSource implements PassportSource {
  private long acknowledged = -1;
  private final Signer signer;
  private final Clock clock;
  private final Function<Instant, Condition> reader;
  private final List<SignedUpdate> log = new ArrayList<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private Passport passport;
  private int flags;

  /**
   * @param birth the manufacturer-signed birth record (seq 0)
   * @param signer the device key that signs fresh readings
   * @param reader what the pack reads at a given time, for {@link #fresh}
   */
  public InMemoryPassportSource(SignedUpdate birth, Signer signer, Clock clock, Function<Instant, Condition> reader) {
    if (birth.payload().kind() != UpdateKind.BIRTH) {
      throw new IllegalArgumentException("the chain starts with a birth record, not " + birth);
    }
    this.signer = signer;
    this.clock = clock;
    this.reader = reader;
    this.log.add(birth);
    this.passport = UpdateBody.apply(Optional.empty(), birth.payload());
  }

  /** Appends an update that extends the chain and tells the listeners. */
  public void append(SignedUpdate update) {
    synchronized (this) {
      SignedUpdate head = log.get(log.size() - 1);
      UpdatePayload p = update.payload();
      if (p.seq() != head.payload().seq() + 1 || !Arrays.equals(p.prev(), head.hash())) {
        throw new IllegalArgumentException("update seq " + p.seq() + " does not extend the chain at seq "
            + head.payload().seq());
      }
      append0(update);
    }
    listeners.forEach(Runnable::run);
  }

  /** Signs the next update of the chain with {@code kind} and {@code body} at the clock's time and appends it. */
  public SignedUpdate appendSigned(UpdateKind kind, Cbor.Map body, Optional<byte[]> nonce) {
    SignedUpdate update;
    synchronized (this) {
      SignedUpdate head = log.get(log.size() - 1);
      Instant time = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      if (time.isBefore(head.payload().time())) {
        time = head.payload().time();
      }
      update = SignedUpdate.sign(signer, new UpdatePayload(head.payload().passportId(), head.payload().seq() + 1,
          head.hash(), time, kind, body, nonce));
      append0(update);
    }
    listeners.forEach(Runnable::run);
    return update;
  }

  private void append0(SignedUpdate update) {
    passport = UpdateBody.apply(Optional.of(passport), update.payload());
    log.add(update);
  }

  /** Sets the number of active estimator flags shown by {@code /soh}. */
  public synchronized void setFlags(int flags) {
    this.flags = flags;
  }

  @Override
  public synchronized void acknowledge(long seq) {
    acknowledged = Math.max(acknowledged, seq);
  }

  /** The highest acknowledged seq, -1 if none. */
  public synchronized long acknowledgedSeq() {
    return acknowledged;
  }

  @Override
  public synchronized Passport passport() {
    return passport;
  }

  @Override
  public synchronized byte[] latestSigned() {
    return log.get(log.size() - 1).encoded();
  }

  @Override
  public synchronized long headSeq() {
    return log.get(log.size() - 1).payload().seq();
  }

  @Override
  public long firstSeq() {
    return 0;
  }

  @Override
  public synchronized List<byte[]> since(long seq, int max) {
    List<byte[]> out = new ArrayList<>();
    for (long s = Math.max(seq + 1, 0); s < log.size() && out.size() < max; s++) {
      out.add(log.get((int) s).encoded());
    }
    return out;
  }

  @Override
  public synchronized SohSummary soh() {
    return SohSummary.of(passport, headSeq(), flags);
  }

  @Override
  public byte[] fresh(byte[] nonce) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Condition reading = reader.apply(now);
    return appendSigned(UpdateKind.READING, UpdateBody.reading(reading), Optional.of(nonce)).encoded();
  }

  @Override
  public Subscription subscribe(Runnable onAppend) {
    listeners.add(onAppend);
    return () -> listeners.remove(onAppend);
  }
}

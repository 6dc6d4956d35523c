package io.packpass.agent.coap;

import io.packpass.core.passport.Passport;
import java.util.List;

/**
 * What the CoAP service serves, read from the agent's state: the current passport, the hash-chained
 * log of signed updates, a small state-of-health summary, and fresh signed readings on request. The
 * agent's run loop implements it on top of its journal, estimator and device key;
 * {@link InMemoryPassportSource} is the in-memory implementation.
 *
 * <p>Implementations are called from CoAP worker threads, concurrently: they must be thread-safe.
 * A method that cannot answer right now (nothing read yet, the bus is down) throws
 * {@link SourceUnavailableException}; the service turns that into 5.03 with a Max-Age.
 */
public interface PassportSource {

  /** The passport as it stands after the newest update, unfiltered (the service filters it per role). */
  Passport passport();

  /** The exact COSE_Sign1 bytes of the newest signed update (seq {@link #headSeq()}). */
  byte[] latestSigned();

  /** The seq of the newest update (0 when only the birth record is there). */
  long headSeq();

  /** The oldest seq still held (0 unless acknowledged records were rotated out). */
  long firstSeq();

  /**
   * The exact COSE_Sign1 bytes of updates {@code seq + 1} onwards, oldest first, at most {@code max}
   * of them; {@code seq} is -1 for "from the birth record on". Only called with
   * {@code firstSeq() - 1 <= seq <= headSeq()}.
   */
  List<byte[]> since(long seq, int max);

  /**
   * Records that the collecting gateway holds every update up to {@code seq}, so the journal may
   * rotate them out under its retention budget (never before). Only called with
   * {@code seq <= headSeq()}; an older acknowledgement than one already recorded changes nothing.
   */
  void acknowledge(long seq);

  /** The summary behind {@code /soh}. */
  SohSummary soh();

  /**
   * Signs a new reading of the pack that carries {@code nonce} (8 to 64 bytes) in its payload
   * ({@code UpdatePayload.nonce}), appends it to the log as the next update (so it never forks the
   * chain) and returns its exact COSE_Sign1 bytes. Listeners are told as for any other update.
   */
  byte[] fresh(byte[] nonce);

  /**
   * Calls {@code onAppend} after each update appended to the log (from the appending thread; keep it
   * short). The service uses it to notify {@code /soh} observers.
   */
  Subscription subscribe(Runnable onAppend);

  /** A listener registration; {@link #cancel()} removes it. */
  @FunctionalInterface
  interface Subscription {
    void cancel();
  }
}

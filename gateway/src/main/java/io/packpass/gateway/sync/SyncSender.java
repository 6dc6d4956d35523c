package io.packpass.gateway.sync;

import io.packpass.core.id.PassportId;
import io.packpass.gateway.store.Outbox;
import io.packpass.gateway.store.OutboxItem;
import io.packpass.gateway.store.QuarantineReason;
import io.packpass.gateway.sync.SyncTransport.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the upstream registry, oldest first, one batch at a time: at-least-once (an
 * item leaves the outbox only after the registry's ack says it holds it, so a crash between the two
 * resends it and the registry answers "duplicate"), in outbox order, and from wherever the outbox
 * stands after a restart.
 *
 * <p>What happens to a batch: a 2xx answer is read item by item (accepted and duplicate leave the
 * outbox, rejected ones are parked with the registry's reason, except an update signed in the
 * registry's future, which stays pending with the rest of its chain in the batch and is retried after
 * {@link Backoff}, since a clock behind is no fault of the update); no answer, 408, 429 or 5xx: the
 * batch stays and is retried after {@link Backoff} (or Retry-After, whichever is longer); 401 or a
 * handshake refusing this gateway's certificate (revoked, expired): the same, with an alarm; 413: the
 * batch is halved (a single item is parked); any other 4xx is not retried: the batch is parked
 * with the answer and an alarm is logged, since resending it would be refused again.
 */
public final class SyncSender {
  private static final Logger LOG = LoggerFactory.getLogger(SyncSender.class);
  private static final Optional<String> IN_THE_FUTURE = Optional.of(QuarantineReason.CLOCK_OUT_OF_TOLERANCE.code());
  private static final Optional<String> GAP = Optional.of(QuarantineReason.GAP.code());
  /** TLS alerts (RFC 8446 §6.2) a server sends for a client certificate it does not take, as the JDK names them. */
  private static final List<String> CERTIFICATE_ALERTS = List.of("certificate_revoked", "certificate_expired",
      "bad_certificate", "certificate_unknown", "unsupported_certificate", "access_denied");

  private final Outbox outbox;
  private final SyncTransport transport;
  private final Settings settings;
  private final Backoff backoff;
  private final Clock clock;
  private int batchItems;
  private int failures;
  private Optional<String> lastError = Optional.empty();
  private Optional<Instant> lastDelivery = Optional.empty();
  /** How long {@link #run} waits before the next round after a failed one. */
  private Duration pendingDelay = Duration.ZERO;

  /**
   * @param batchItems most items per request
   * @param batchBytes most COSE bytes per request
   * @param idle how long to wait when the outbox is empty
   */
  public record Settings(int batchItems, long batchBytes, Duration idle) {
    public static final Settings DEFAULT = new Settings(500, 4L * 1024 * 1024, Duration.ofSeconds(2));

    public Settings {
      if (batchItems < 1 || batchBytes < 1) {
        throw new IllegalArgumentException("batch bounds must be positive");
      }
      Objects.requireNonNull(idle, "idle");
    }
  }

  /** What one round did. */
  public enum Round {
    /** Nothing pending. */
    IDLE,
    /** A batch was answered item by item. */
    DELIVERED,
    /** The batch stays for a retry. */
    RETRY,
    /** The batch (or part of it) was parked without an item-by-item answer. */
    PARKED
  }

  public SyncSender(Outbox outbox, SyncTransport transport, Settings settings, Backoff backoff, Clock clock) {
    this.outbox = outbox;
    this.transport = transport;
    this.settings = settings;
    this.backoff = backoff;
    this.clock = clock;
    this.batchItems = settings.batchItems();
  }

  /** Sends the oldest pending batch once; does not wait. */
  public synchronized Round sendOnce() {
    List<OutboxItem> batch = outbox.nextBatch(batchItems, settings.batchBytes());
    if (batch.isEmpty()) {
      return Round.IDLE;
    }
    List<byte[]> items = new ArrayList<>(batch.size());
    batch.forEach(i -> items.add(i.cose()));
    Answer answer;
    try {
      answer = transport.post(CborSequence.join(items));
    } catch (IOException e) {
      Optional<String> alert = refusedCertificate(e);
      if (alert.isPresent()) {
        return credentialRefused("the TLS handshake ended with " + alert.get(), Optional.empty());
      }
      return retry("registry unreachable: " + e.getMessage(), Optional.empty());
    }
    int status = answer.status();
    if (status / 100 == 2) {
      return delivered(batch, answer);
    }
    String said = firstLine(answer.body());
    if (status == 401) {
      return credentialRefused("HTTP 401: " + said, answer.retryAfter());
    }
    if (status == 408 || status == 429 || status / 100 == 5) {
      return retry("registry answered " + status + ": " + said, answer.retryAfter());
    }
    if (status == 413 && batch.size() > 1) {
      batchItems = Math.max(1, batch.size() / 2);
      LOG.warn("registry refused a batch of {} as too large; sending {} at a time", batch.size(), batchItems);
      return Round.RETRY;
    }
    Map<Long, String> parked = new LinkedHashMap<>();
    batch.forEach(i -> parked.put(i.id(), "HTTP " + status + ": " + said));
    outbox.park(parked, clock.instant());
    lastError = Optional.of("registry refused a batch with " + status + ": " + said);
    LOG.error("ALARM: the registry refused {} updates with {} ({}); they are parked, not retried. Fix the cause,"
        + " then 'packpass gateway outbox unpark'", batch.size(), status, said);
    return Round.PARKED;
  }

  private Round delivered(List<OutboxItem> batch, Answer answer) {
    List<SyncAck> acks;
    try {
      acks = SyncAck.decode(answer.body(), batch.size());
    } catch (SyncFormatException e) {
      return retry("unreadable answer from the registry: " + e.getMessage(), Optional.empty());
    }
    if (acks.size() != batch.size()) {
      return retry("the registry answered " + acks.size() + " acks for " + batch.size() + " items", Optional.empty());
    }
    List<Long> held = new ArrayList<>();
    Map<Long, String> rejected = new LinkedHashMap<>();
    Set<PassportId> later = new HashSet<>();
    Optional<String> notYet = Optional.empty();
    for (int i = 0; i < batch.size(); i++) {
      SyncAck ack = acks.get(i);
      OutboxItem item = batch.get(i);
      Optional<String> reason = ack.reason();
      if (ack.status().isHeld()) {
        held.add(item.id());
      } else if (reason.equals(IN_THE_FUTURE) || (reason.equals(GAP) && later.contains(item.passport()))) {
        // in the registry's future: its clock is behind (or this gateway's was ahead when it accepted
        // the update). Not the update's fault: it stays pending, and so does what follows it in its chain.
        later.add(item.passport());
        notYet = notYet.or(() -> Optional.of(ack.detail()));
      } else {
        rejected.put(item.id(), "rejected by the registry: " + reason.orElse("?") + ": " + ack.detail());
      }
    }
    outbox.delivered(held);
    if (!rejected.isEmpty()) {
      outbox.park(rejected, clock.instant());
      LOG.warn("the registry rejected {} of {} updates; parked: {}", rejected.size(), batch.size(),
          rejected.values().iterator().next());
    }
    if (!held.isEmpty()) {
      lastDelivery = Optional.of(clock.instant());
    }
    if (notYet.isPresent()) {
      return retry("the registry holds back updates of " + later.size() + " passports as signed in its future"
          + " (its clock is behind, or this gateway's is ahead); they stay in the outbox: " + notYet.get(),
          Optional.empty());
    }
    failures = 0;
    batchItems = Math.min(settings.batchItems(), batchItems * 2);
    lastError = Optional.empty();
    return Round.DELIVERED;
  }

  /**
   * The registry no longer trusts this gateway's fleet certificate (revoked, expired): nothing is
   * parked, since every batch would be refused alike and none is at fault; the outbox stays and is
   * retried with backoff, and the alarm says what to do.
   */
  private Round credentialRefused(String how, Optional<Duration> retryAfter) {
    String why = "the registry refused this gateway's fleet certificate (" + how + "); renew upstream.credential"
        + " ('packpass provision role issue --role fleet') and restart the gateway; the outbox is kept";
    if (lastError.isEmpty() || !lastError.get().equals(why) || failures % 10 == 0) {
      LOG.error("ALARM: {}", why);
    }
    lastError = Optional.of(why);
    failures++;
    pendingDelay = max(backoff.delay(failures), retryAfter);
    return Round.RETRY;
  }

  /** The TLS alert a refused client certificate ends the handshake with, if that is what {@code e} is. */
  private static Optional<String> refusedCertificate(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException && t.getMessage() != null) {
        for (String alert : CERTIFICATE_ALERTS) {
          if (t.getMessage().contains(alert)) {
            return Optional.of("alert " + alert);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Duration max(Duration wait, Optional<Duration> retryAfter) {
    return retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0 ? retryAfter.get() : wait;
  }

  private Round retry(String why, Optional<Duration> retryAfter) {
    failures++;
    Duration wait = max(backoff.delay(failures), retryAfter);
    pendingDelay = wait;
    if (lastError.isEmpty() || failures % 10 == 1) {
      LOG.warn("sync: {} (attempt {}; next in {} ms)", why, failures, wait.toMillis());
    }
    lastError = Optional.of(why);
    return Round.RETRY;
  }

  /**
   * Sends until {@code stop} says so: batch after batch while there are any, waiting out the backoff
   * after a failure and {@link Settings#idle()} when the outbox is empty.
   */
  public void run(BooleanSupplier stop) throws InterruptedException {
    while (!stop.getAsBoolean()) {
      Round round;
      try {
        round = sendOnce();
      } catch (RuntimeException e) {
        // the local store failing: wait like for a failed send, the outbox is still there
        round = retry("outbox unavailable: " + e.getMessage(), Optional.empty());
      }
      Duration wait = switch (round) {
        case IDLE -> settings.idle();
        case RETRY -> pendingDelay;
        default -> Duration.ZERO;
      };
      pendingDelay = Duration.ZERO;
      sleep(wait, stop);
    }
  }

  private static void sleep(Duration wait, BooleanSupplier stop) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    while (!stop.getAsBoolean()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
    }
  }

  /** Consecutive failed rounds (0 after a delivery). */
  public synchronized int failures() {
    return failures;
  }

  public synchronized Optional<String> lastError() {
    return lastError;
  }

  public synchronized Optional<Instant> lastDelivery() {
    return lastDelivery;
  }

  private static String firstLine(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }
}

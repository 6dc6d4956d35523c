package io.packpass.gateway.collect;

import io.packpass.core.id.PassportId;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.gateway.store.AgentLog;
import io.packpass.gateway.store.ChainStore;
import io.packpass.gateway.store.PassportHead;
import io.packpass.gateway.store.StoreException;
import io.packpass.gateway.sync.Backoff;
import io.packpass.gateway.verify.BackpressureException;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult;
import io.packpass.gateway.verify.TrustUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one agent's updates: catches up through {@code /updates?since=<stored head>} (page after
 * page) on start, after every gap and after every {@code /soh} notification that announces a newer
 * seq, hands each page to {@link Ingest}, and acknowledges to the agent only what the store holds
 * (accepted or duplicate), so the agent's journal never drops an update the gateway does not have.
 * An update the verifier rejects stops the catch-up at that seq (the agent is asked again after a
 * backoff; the rejection is in the quarantine); the agent's errors and silences back off per agent.
 */
public final class AgentCollector {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCollector.class);

  private final AgentLink link;
  private final Ingest ingest;
  private final ChainStore chains;
  private final AgentLog agents;
  private final Backoff backoff;
  private final Clock clock;
  private final Settings settings;
  private final Object wake = new Object();
  private Optional<PassportId> passport;
  private long acknowledged = -1;
  private volatile long announced = -1;
  private long stored = -1;
  private int failures;
  private long errors;
  private Optional<String> lastError = Optional.empty();
  private Optional<Instant> lastSeen = Optional.empty();
  private boolean discovered;

  /**
   * @param pageSize updates asked for per request (the agent caps it at its own page size)
   * @param poll how long to wait for a notification before asking anyway
   */
  public record Settings(int pageSize, Duration poll) {
    /** 32: the agent's default page size and the most it serves by default (agent CoapSettings). */
    public static final Settings DEFAULT = new Settings(32, Duration.ofMinutes(1));
  }

  /** What one round did. */
  public enum Round {
    /** A full page was stored: there may be more. */
    MORE,
    /** The store holds everything the agent has. */
    CAUGHT_UP,
    /** The agent serves an update the verifier rejects at the next position. */
    REJECTED
  }

  public AgentCollector(AgentLink link, Ingest ingest, ChainStore chains, AgentLog agents, Backoff backoff, Clock clock,
      Settings settings) {
    this.link = link;
    this.ingest = ingest;
    this.chains = chains;
    this.agents = agents;
    this.backoff = backoff;
    this.clock = clock;
    this.settings = settings;
    this.passport = agents.agentPassport(link.address());
  }

  /**
   * One round: discover (first time), find out which pack the agent serves (first contact), fetch the
   * page after the stored head, ingest it, acknowledge.
   *
   * @throws AgentUnavailableException when the agent does not answer properly
   * @throws BackpressureException when the gateway takes no updates now (outbox over its bounds)
   */
  public synchronized Round collectOnce() throws AgentUnavailableException {
    if (!discovered) {
      link.discover();
      discovered = true;
    }
    if (passport.isEmpty()) {
      List<byte[]> birth = link.updatesSince(-1, 1);
      if (birth.isEmpty()) {
        throw new AgentUnavailableException("the agent's log is empty");
      }
      try {
        passport = Optional.of(SignedUpdate.parse(birth.get(0)).payload().passportId());
      } catch (UpdateFormatException e) {
        throw new AgentUnavailableException("the agent's first update is not a signed update: " + e.getMessage());
      }
    }
    PassportId id = passport.get();
    long since = chains.head(id).map(PassportHead::headSeq).orElse(-1L);
    List<byte[]> page = link.updatesSince(since, settings.pageSize());
    Instant now = clock.instant();
    agents.agentSeen(link.address(), id, now);
    lastSeen = Optional.of(now);
    long held = since;
    Round round = page.size() >= settings.pageSize() ? Round.MORE : Round.CAUGHT_UP;
    if (!page.isEmpty()) {
      List<Incoming> batch = new ArrayList<>(page.size());
      page.forEach(bytes -> batch.add(new Incoming(bytes, link.address())));
      for (IngestResult r : ingest.ingest(batch)) {
        if (!r.isHeld()) {
          String why = "the agent serves an update the gateway rejects: " + r;
          note(why);
          LOG.warn("{}: {}", link.address(), why);
          round = Round.REJECTED;
          break;
        }
        held = r.seq().orElse(held);
      }
    }
    stored = held;
    if (held > acknowledged && held >= 0) {
      link.acknowledge(held);
      acknowledged = held;
    }
    if (!link.observing()) {
      link.observe(seq -> {
        announced = seq;
        synchronized (wake) {
          wake.notifyAll();
        }
      });
    }
    return round;
  }

  /** Collects until {@code stop} says so, backing off on trouble. */
  public void run(BooleanSupplier stop) throws InterruptedException {
    while (!stop.getAsBoolean()) {
      Duration wait;
      try {
        Round round = collectOnce();
        // an agent that keeps serving a rejected update is asked less and less often
        failures = round == Round.REJECTED ? failures + 1 : 0;
        wait = switch (round) {
          case MORE -> Duration.ZERO;
          case CAUGHT_UP -> settings.poll();
          case REJECTED -> backoff.delay(failures);
        };
      } catch (AgentUnavailableException | BackpressureException | TrustUnavailableException | StoreException e) {
        failures++;
        note(e.getMessage());
        if (failures == 1 || failures % 10 == 0) {
          LOG.warn("{}: {} (attempt {})", link.address(), e.getMessage(), failures);
        }
        wait = backoff.delay(failures);
      }
      await(wait, stop);
    }
  }

  private void note(String error) {
    errors++;
    lastError = Optional.of(error);
    try {
      agents.agentFailed(link.address(), error, clock.instant());
    } catch (StoreException e) {
      LOG.debug("cannot note the error of {}: {}", link.address(), e.getMessage());
    }
  }

  /** Waits up to {@code wait}, or until a notification announces an update the store does not hold. */
  private void await(Duration wait, BooleanSupplier stop) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    synchronized (wake) {
      while (!stop.getAsBoolean() && announced <= stored) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return;
        }
        wake.wait(Math.max(1, Math.min(250, left / 1_000_000)));
      }
    }
  }

  public synchronized AgentHealth health() {
    return new AgentHealth(link.address(), passport, lastSeen, Math.max(0, announced - stored), failures, errors,
        lastError);
  }

  public AgentLink link() {
    return link;
  }
}

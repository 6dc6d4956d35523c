package io.packpass.agent.coap;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.deduplication.Deduplicator;

/**
 * Remembers recent incoming messages (by peer and message id) so that a retransmitted CON is answered
 * from its exchange instead of being processed twice, like Californium's sweep deduplicators, but
 * with a hard cap on how many exchanges it holds in all, and only for requests that must not run
 * twice.
 *
 * <p>Why: Californium's deduplicators keep every exchange (request, response and payload) for
 * {@code EXCHANGE_LIFETIME} (247 s); the per-peer one bounds each peer, not the number of peers. So
 * memory grows with the request rate times 247 s, and anyone who can send UDP to the plain port, from
 * as many source ports as they like, could run a 48 MB agent out of heap. Here the oldest entries go
 * first once {@code capacity} is reached. A retransmission older than the cap is then processed
 * again: harmless for the agent's resources (GETs, an idempotent ack, a rate-limited /fresh), and it
 * only happens under a flood; at the request rates of a handful of collectors the cap holds the
 * whole lifetime.
 *
 * <p>Idempotent requests (GET, FETCH, PUT, DELETE, iPATCH) are not remembered at all: RFC 7252 §4.5
 * lets a server process a duplicate of those again, and for the agent that is cheaper than holding
 * every GET's exchange with its response blocks (the bulk of the heap under a collector's load). So
 * only a POST (a /fresh signing, an ack) and incoming responses take room here.
 */
final class BoundedDeduplicator implements Deduplicator {
  private final int capacity;
  private final long lifetimeNanos;
  private final long sweepIntervalNanos;
  private final LongSupplier nanoClock;
  /** Insertion order is age order: a replaced entry is removed and put again at the end. */
  private final LinkedHashMap<KeyMID, Entry> entries = new LinkedHashMap<>(64, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<KeyMID, Entry> eldest) {
      return size() > capacity;
    }
  };
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> sweep;

  private record Entry(Exchange exchange, long nanos) {
  }

  BoundedDeduplicator(int capacity, long lifetime, long sweepInterval, TimeUnit unit, LongSupplier nanoClock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
    this.lifetimeNanos = unit.toNanos(lifetime);
    this.sweepIntervalNanos = Math.max(1, unit.toNanos(sweepInterval));
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void start() {
    if (sweep == null && executor != null) {
      sweep = executor.scheduleWithFixedDelay(this::sweep, sweepIntervalNanos, sweepIntervalNanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    if (sweep != null) {
      sweep.cancel(false);
      sweep = null;
    }
    entries.clear();
  }

  @Override
  public synchronized void setExecutor(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** The exchange already seen with this key (a duplicate), or null after remembering {@code exchange}. */
  @Override
  public synchronized Exchange findPrevious(KeyMID key, Exchange exchange) {
    if (idempotentRequest(exchange)) {
      return null;
    }
    Entry previous = entries.get(key);
    if (previous != null && previous.exchange().getOrigin() == exchange.getOrigin()) {
      return previous.exchange();
    }
    // new, or the same message id used in the other direction (Californium's auto-replace rule)
    remember(key, exchange);
    return null;
  }

  @Override
  public synchronized boolean replacePrevious(KeyMID key, Exchange previous, Exchange exchange) {
    Entry current = entries.get(key);
    if (current != null && current.exchange() != previous) {
      return false;
    }
    remember(key, exchange);
    return true;
  }

  @Override
  public synchronized Exchange find(KeyMID key) {
    Entry entry = entries.get(key);
    return entry == null ? null : entry.exchange();
  }

  @Override
  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized void clear() {
    entries.clear();
  }

  /** Drops what is older than the exchange lifetime; the oldest entries come first. */
  synchronized void sweep() {
    long now = nanoClock.getAsLong();
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      if (now - it.next().nanos() < lifetimeNanos) {
        return;
      }
      it.remove();
    }
  }

  private static boolean idempotentRequest(Exchange exchange) {
    if (exchange.getOrigin() != Exchange.Origin.REMOTE || exchange.getRequest() == null) {
      return false;
    }
    Code code = exchange.getRequest().getCode();
    return code == Code.GET || code == Code.FETCH || code == Code.PUT || code == Code.DELETE || code == Code.IPATCH;
  }

  private void remember(KeyMID key, Exchange exchange) {
    entries.remove(key);
    entries.put(key, new Entry(exchange, nanoClock.getAsLong()));
  }
}

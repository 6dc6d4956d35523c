package io.packpass.gateway.http;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the sync intake's store failing (a full disk, a database away) without flooding the log while
 * gateways retry: ERROR when it starts, then at most once a minute with how many batches were refused
 * meanwhile, INFO when a batch is stored again. Minutes on the monotonic clock, so a wall clock
 * stepped back cannot silence it.
 */
final class StoreTrouble {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
  static final long EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier nanos;
  private boolean failing;
  private long loggedAt;
  private long refused;

  StoreTrouble(LongSupplier nanos) {
    this.nanos = nanos;
  }

  synchronized void failed(String why) {
    long now = nanos.getAsLong();
    refused++;
    if (!failing) {
      LOG.error("sync intake: cannot store, answering 503 until it can: {}", why);
    } else if (now - loggedAt >= EVERY_NANOS) {
      LOG.error("sync intake: still cannot store ({} batches refused so far): {}", refused, why);
    } else {
      return;
    }
    failing = true;
    loggedAt = now;
  }

  synchronized void stored() {
    if (failing) {
      LOG.info("sync intake: storing again ({} batches were refused meanwhile; their gateways resend them)", refused);
      failing = false;
      refused = 0;
    }
  }
}

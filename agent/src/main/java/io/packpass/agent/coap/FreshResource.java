package io.packpass.agent.coap;

import io.packpass.agent.coap.CoapRequestException.Reason;
import io.packpass.core.passport.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /fresh}: POST a nonce (8 to 64 raw bytes; Content-Format absent or 42), get a newly signed
 * reading whose payload carries that nonce (COSE_Sign1, 18 default; 60 gives the same bytes), so a
 * grader on site can prove the reading is fresh. The reading joins the log as the next update.
 * Needs DTLS with a role certificate. Every fresh reading is signed and journalled, so they are
 * rate-limited: at most one per {@code minInterval} for all callers together (4.29 with Max-Age).
 */
final class FreshResource extends PackPassResource {
  static final int MIN_NONCE = 8;
  static final int MAX_NONCE = 64;
  private final PassportSource source;
  private final Clock clock;
  private final Duration minInterval;
  private Instant last = Instant.MIN;

  FreshResource(PassportSource source, Clock clock, Duration minInterval) {
    super("fresh", "POST a nonce, get a fresh signed reading", MediaTypeRegistry.APPLICATION_COSE_SIGN1);
    this.source = source;
    this.clock = clock;
    this.minInterval = minInterval;
  }

  /** Takes the one slot per {@code minInterval}, or refuses with 4.29. */
  private synchronized void takeSlot() {
    Instant now = clock.instant();
    Instant next = last.equals(Instant.MIN) ? now : last.plus(minInterval);
    if (now.isBefore(next)) {
      throw new CoapRequestException(Reason.TOO_MANY_REQUESTS, "one fresh reading per "
          + minInterval.toMillis() + " ms; try again later", Optional.of(Duration.between(now, next)));
    }
    last = now;
  }

  @Override
  Response post(CoapCall call) {
    int format = call.negotiate(MediaTypeRegistry.APPLICATION_COSE_SIGN1, MediaTypeRegistry.APPLICATION_CBOR);
    call.query();
    call.requireTier(Tier.LEGITIMATE_INTEREST, "a fresh signed reading");
    call.contentFormat().ifPresent(f -> {
      if (f != MediaTypeRegistry.APPLICATION_OCTET_STREAM) {
        throw new CoapRequestException(Reason.UNSUPPORTED_CONTENT_FORMAT,
            "the nonce is raw bytes: no Content-Format or 42 (application/octet-stream), not " + f);
      }
    });
    byte[] nonce = call.payload();
    if (nonce.length < MIN_NONCE || nonce.length > MAX_NONCE) {
      throw new CoapRequestException(Reason.BAD_REQUEST, "the nonce must be " + MIN_NONCE + " to " + MAX_NONCE
          + " bytes, got " + nonce.length);
    }
    takeSlot();
    return content(source.fresh(nonce), format);
  }
}

package io.packpass.agent.coap;

import java.time.Duration;
import java.util.Optional;

/**
 * A request the service refuses, with the CoAP client error to answer and a short diagnostic for
 * the client (RFC 7252 §5.5.2). {@link CoapErrors} turns it into the response.
 */
final class CoapRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The 4.xx answers this service gives. */
  enum Reason {
    BAD_REQUEST, UNAUTHORIZED, BAD_OPTION, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_ENTITY_TOO_LARGE,
    UNSUPPORTED_CONTENT_FORMAT, TOO_MANY_REQUESTS
  }

  private final Reason reason;
  private final Optional<Duration> retryAfter;

  CoapRequestException(Reason reason, String diagnostic) {
    this(reason, diagnostic, Optional.empty());
  }

  CoapRequestException(Reason reason, String diagnostic, Optional<Duration> retryAfter) {
    super(diagnostic);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  Reason reason() {
    return reason;
  }

  /** When the client may try again (sent as Max-Age). */
  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}

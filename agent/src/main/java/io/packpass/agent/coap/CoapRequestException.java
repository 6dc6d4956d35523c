package io.packpass.agent.coap;

/**
 * A request the service refuses, with the CoAP client error to answer and a short diagnostic for
 * the client (RFC 7252 §5.5.2). {@link CoapErrors} turns it into the response.
 */
final class CoapRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The 4.xx answers this service gives. */
  enum Reason {
    BAD_REQUEST, UNAUTHORIZED, BAD_OPTION, NOT_FOUND, NOT_ACCEPTABLE, REQUEST_ENTITY_TOO_LARGE,
    UNSUPPORTED_CONTENT_FORMAT
  }

  private final Reason reason;

  CoapRequestException(Reason reason, String diagnostic) {
    super(diagnostic);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}

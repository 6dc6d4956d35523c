package io.packpass.agent.coap;

import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to CoAP response codes. 4.xx answers carry a short diagnostic
 * payload (text/plain) saying what was wrong with the request; 5.xx answers never carry internal
 * detail (the detail goes to the log at DEBUG, or WARN for the unexpected).
 */
final class CoapErrors {
  private static final Logger LOG = LoggerFactory.getLogger(CoapErrors.class);
  /** Diagnostics are for people reading a packet trace: short, one line. */
  static final int MAX_DIAGNOSTIC = 120;

  private CoapErrors() {
  }

  static Response toResponse(Throwable failure) {
    if (failure instanceof CoapRequestException e) {
      Response r = diagnostic(code(e.reason()), e.getMessage());
      e.retryAfter().ifPresent(d -> r.getOptions().setMaxAge(Math.max(1, d.toSeconds())));
      return r;
    }
    if (failure instanceof SourceUnavailableException e) {
      LOG.debug("source unavailable: {}", e.getMessage());
      Response r = diagnostic(ResponseCode.SERVICE_UNAVAILABLE, "try again later");
      r.getOptions().setMaxAge(Math.max(1, e.retryAfter().toSeconds()));
      return r;
    }
    LOG.warn("internal error while serving a CoAP request", failure);
    return new Response(ResponseCode.INTERNAL_SERVER_ERROR);
  }

  static ResponseCode code(CoapRequestException.Reason reason) {
    switch (reason) {
      case UNAUTHORIZED:
        return ResponseCode.UNAUTHORIZED;
      case BAD_OPTION:
        return ResponseCode.BAD_OPTION;
      case NOT_FOUND:
        return ResponseCode.NOT_FOUND;
      case METHOD_NOT_ALLOWED:
        return ResponseCode.METHOD_NOT_ALLOWED;
      case NOT_ACCEPTABLE:
        return ResponseCode.NOT_ACCEPTABLE;
      case REQUEST_ENTITY_TOO_LARGE:
        return ResponseCode.REQUEST_ENTITY_TOO_LARGE;
      case UNSUPPORTED_CONTENT_FORMAT:
        return ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
      case TOO_MANY_REQUESTS:
        return ResponseCode.TOO_MANY_REQUESTS;
      case BAD_REQUEST:
      default:
        return ResponseCode.BAD_REQUEST;
    }
  }

  private static Response diagnostic(ResponseCode code, String text) {
    Response r = new Response(code);
    String t = text.length() > MAX_DIAGNOSTIC ? text.substring(0, MAX_DIAGNOSTIC) : text;
    r.setPayload(t.getBytes(StandardCharsets.UTF_8));
    r.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
    return r;
  }
}

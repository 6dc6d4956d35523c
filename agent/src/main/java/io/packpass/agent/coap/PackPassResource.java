package io.packpass.agent.coap;

import io.packpass.agent.coap.CoapRequestException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * Base of the PackPass resources: every request goes through {@link #serve}, which checks the
 * options, runs the handler and sends whatever goes wrong through {@link CoapErrors}.
 */
abstract class PackPassResource extends CoapResource {
  /** Requests carry at most a nonce; anything bigger is not for us. */
  static final int MAX_REQUEST_PAYLOAD = 256;
  private volatile TrustStoreCertificateVerifier recheck;

  PackPassResource(String name, String title, int... contentFormats) {
    super(name);
    getAttributes().setTitle(title);
    for (int f : contentFormats) {
      getAttributes().addContentType(f);
    }
  }

  /**
   * Checks the DTLS client's certificate again on every request and observe notification: a
   * certificate that expired, or that a CRL installed since lists, gets 4.01 however long its DTLS
   * association lives and however often its session is resumed (Scandium keeps associations until
   * they idle out and resumes sessions without looking at certificates); a 4.01 notification also
   * ends an observation of {@code /soh}.
   */
  void recheckClientsWith(TrustStoreCertificateVerifier verifier) {
    this.recheck = verifier;
  }

  @FunctionalInterface
  interface Handler {
    Response handle(CoapCall call);
  }

  @Override
  public void handleGET(CoapExchange exchange) {
    serve(exchange, this::get);
  }

  @Override
  public void handlePOST(CoapExchange exchange) {
    serve(exchange, this::post);
  }

  Response get(CoapCall call) {
    throw new CoapRequestException(Reason.METHOD_NOT_ALLOWED, "GET is not allowed on " + getURI());
  }

  Response post(CoapCall call) {
    throw new CoapRequestException(Reason.METHOD_NOT_ALLOWED, "POST is not allowed on " + getURI());
  }

  private void serve(CoapExchange exchange, Handler handler) {
    Response response;
    try {
      for (Option o : exchange.getRequestOptions().getOthers()) {
        if (o.isCritical()) {
          throw new CoapRequestException(Reason.BAD_OPTION, "unknown critical option " + o.getNumber());
        }
      }
      if (exchange.getRequestPayloadSize() > MAX_REQUEST_PAYLOAD) {
        throw new CoapRequestException(Reason.REQUEST_ENTITY_TOO_LARGE, "request payload larger than "
            + MAX_REQUEST_PAYLOAD + " bytes");
      }
      TrustStoreCertificateVerifier verifier = recheck;
      if (verifier != null) {
        verifier.requireStillTrusted(exchange.advanced().getRequest());
      }
      response = handler.handle(CoapCall.of(exchange));
    } catch (RuntimeException e) {
      response = CoapErrors.toResponse(e);
    }
    exchange.respond(response);
  }

  static Response content(byte[] payload, int contentFormat) {
    Response r = new Response(ResponseCode.CONTENT);
    r.setPayload(payload);
    r.getOptions().setContentFormat(contentFormat);
    return r;
  }

  static Response content(String json, int contentFormat) {
    return content(json.getBytes(StandardCharsets.UTF_8), contentFormat);
  }

  /** An entity tag: the first 8 bytes of the SHA-256 of the representation. */
  static byte[] etag(byte[] representation) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(representation), 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}

package io.packpass.agent.coap;

import io.packpass.agent.coap.CoapRequestException.Reason;
import io.packpass.core.passport.Tier;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /fresh}: POST a nonce (8 to 64 raw bytes; Content-Format absent or 42), get a newly signed
 * reading whose payload carries that nonce (COSE_Sign1, 18 default; 60 gives the same bytes), so a
 * grader on site can prove the reading is fresh. The reading joins the log as the next update.
 * Needs DTLS with a role certificate.
 */
final class FreshResource extends PackPassResource {
  static final int MIN_NONCE = 8;
  static final int MAX_NONCE = 64;
  private final PassportSource source;

  FreshResource(PassportSource source) {
    super("fresh", "POST a nonce, get a fresh signed reading", MediaTypeRegistry.APPLICATION_COSE_SIGN1);
    this.source = source;
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
    return content(source.fresh(nonce), format);
  }
}

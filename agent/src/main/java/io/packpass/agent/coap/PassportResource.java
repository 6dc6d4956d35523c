package io.packpass.agent.coap;

import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Tier;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /passport}: the current passport filtered for the caller's role by
 * {@link PassportView#forRole} (the public tier for anonymous callers over plain CoAP); CBOR (60,
 * default) or JSON (50). Its child {@code /passport/signed} is the newest signed update.
 */
final class PassportResource extends PackPassResource {
  private final PassportSource source;

  PassportResource(PassportSource source) {
    super("passport", "battery passport (filtered by role)", MediaTypeRegistry.APPLICATION_CBOR,
        MediaTypeRegistry.APPLICATION_JSON);
    this.source = source;
    add(new Signed(source));
  }

  @Override
  Response get(CoapCall call) {
    int format = call.negotiate(MediaTypeRegistry.APPLICATION_CBOR, MediaTypeRegistry.APPLICATION_JSON);
    call.query();
    Passport view = PassportView.forRole(source.passport(), call.role());
    Response r = format == MediaTypeRegistry.APPLICATION_CBOR ? content(view.encode(), format)
        : content(JsonViews.passport(view), format);
    r.getOptions().addETag(etag(r.getPayload()));
    return r;
  }

  /**
   * {@code /passport/signed}: the exact COSE_Sign1 bytes of the newest signed update (18, default;
   * 60 gives the same bytes labelled as CBOR). Signed bytes cannot be filtered, so they need a role
   * that may read legitimate-interest data.
   */
  static final class Signed extends PackPassResource {
    private final PassportSource source;

    Signed(PassportSource source) {
      super("signed", "latest signed update (COSE_Sign1)", MediaTypeRegistry.APPLICATION_COSE_SIGN1,
          MediaTypeRegistry.APPLICATION_CBOR);
      this.source = source;
    }

    @Override
    Response get(CoapCall call) {
      int format = call.negotiate(MediaTypeRegistry.APPLICATION_COSE_SIGN1, MediaTypeRegistry.APPLICATION_CBOR);
      call.query();
      call.requireTier(Tier.LEGITIMATE_INTEREST, "the signed update");
      byte[] cose = source.latestSigned();
      Response r = content(cose, format);
      r.getOptions().addETag(etag(cose));
      return r;
    }
  }
}

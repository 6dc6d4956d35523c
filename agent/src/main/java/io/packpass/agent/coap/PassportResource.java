package io.packpass.agent.coap;

import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.passport.Tier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /passport}: the current passport filtered for the caller's role by
 * {@link PassportView#forRole} (the public tier for anonymous callers over plain CoAP); CBOR (60,
 * default) or JSON (50). Its child {@code /passport/signed} is the newest signed update.
 */
final class PassportResource extends PackPassResource {
  private final PassportSource source;
  /**
   * The encoded view per (role, format), valid while the source hands out the same passport
   * instance: filtering, encoding and hashing cost five times a plain hello-world's answer
   * (docs/benchmarks.md) and the passport changes once per signed update, not per request.
   */
  private final Map<ViewKey, Representation> views = new ConcurrentHashMap<>();

  private record ViewKey(Role role, int format) {
  }

  /** A representation of {@code of} (compared by identity), with its entity tag. */
  private record Representation(Passport of, byte[] payload, byte[] etag) {
  }

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
    Passport current = source.passport();
    ViewKey key = new ViewKey(call.role(), format);
    Representation cached = views.get(key);
    if (cached == null || cached.of() != current) {
      Passport view = PassportView.forRole(current, call.role());
      byte[] payload = format == MediaTypeRegistry.APPLICATION_CBOR ? view.encode()
          : JsonViews.passport(view).getBytes(StandardCharsets.UTF_8);
      cached = new Representation(current, payload, etag(payload));
      views.put(key, cached);
    }
    Response r = content(cached.payload(), format);
    r.getOptions().addETag(cached.etag());
    return r;
  }

  /**
   * {@code /passport/signed}: the exact COSE_Sign1 bytes of the newest signed update (18, default;
   * 60 gives the same bytes labelled as CBOR). Signed bytes cannot be filtered, so they need a role
   * that may read legitimate-interest data.
   */
  static final class Signed extends PackPassResource {
    private final PassportSource source;
    /**
     * The newest bytes served and their entity tag: hashing 1.7 KB for every request was most of
     * this handler's time (a JFR profile under load); comparing with the bytes last served is cheap and,
     * unlike keying on the head seq, cannot pair a tag with another update's bytes.
     */
    private volatile Tagged last = new Tagged(new byte[0], etag(new byte[0]));

    private record Tagged(byte[] cose, byte[] etag) {
    }

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
      Tagged tagged = last;
      if (!Arrays.equals(tagged.cose(), cose)) {
        tagged = new Tagged(cose, etag(cose));
        last = tagged;
      }
      Response r = content(tagged.cose(), format);
      r.getOptions().addETag(tagged.etag());
      return r;
    }
  }
}

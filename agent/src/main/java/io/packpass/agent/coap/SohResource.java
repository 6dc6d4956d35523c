package io.packpass.agent.coap;

import io.packpass.core.passport.Tier;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /soh}: the observable state-of-health summary ({@link SohSummary}; 60 default, or 50).
 * Observers are notified after every appended update; observe only guarantees the newest state
 * arrives, so collectors catch up through {@code /updates}. SOH is legitimate-interest data: DTLS
 * with a role certificate.
 */
final class SohResource extends PackPassResource {
  private final PassportSource source;

  SohResource(PassportSource source) {
    super("soh", "state of health summary", MediaTypeRegistry.APPLICATION_CBOR, MediaTypeRegistry.APPLICATION_JSON);
    this.source = source;
    setObservable(true);
    setObserveType(Type.CON);
    getAttributes().setObservable();
  }

  @Override
  Response get(CoapCall call) {
    int format = call.negotiate(MediaTypeRegistry.APPLICATION_CBOR, MediaTypeRegistry.APPLICATION_JSON);
    call.query();
    call.requireTier(Tier.LEGITIMATE_INTEREST, "the state of health");
    SohSummary soh = source.soh();
    return format == MediaTypeRegistry.APPLICATION_CBOR ? content(soh.encode(), format)
        : content(JsonViews.soh(soh), format);
  }
}

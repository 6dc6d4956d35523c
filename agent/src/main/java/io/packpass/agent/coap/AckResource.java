package io.packpass.agent.coap;

import io.packpass.agent.coap.CoapRequestException.Reason;
import io.packpass.core.passport.Role;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /updates/ack?seq=N}: POST by the collecting gateway (DTLS with a {@code fleet} role
 * certificate) once it holds every update up to seq N. Only then may the journal rotate those updates
 * out under its retention budget; until acknowledged they are kept whatever the budget. 2.04 on
 * success; {@code seq} beyond the head: 4.04; another role: 4.01. Acknowledging twice, or an older seq,
 * changes nothing (idempotent, so a gateway may simply repeat it after a restart).
 */
final class AckResource extends PackPassResource {
  private final PassportSource source;

  AckResource(PassportSource source) {
    super("ack", "POST ?seq=N: the gateway holds the updates up to N");
    this.source = source;
  }

  @Override
  Response post(CoapCall call) {
    Map<String, String> query = call.query("seq");
    if (!query.containsKey("seq")) {
      throw new CoapRequestException(Reason.BAD_REQUEST, "seq is required: ?seq=<the last seq the gateway holds>");
    }
    long seq = CoapCall.longParameter(query, "seq", 0, Long.MAX_VALUE, 0);
    if (call.role() != Role.FLEET) {
      throw new CoapRequestException(Reason.UNAUTHORIZED, "only the collecting gateway (a fleet role certificate"
          + " over coaps://) acknowledges updates");
    }
    long head = source.headSeq();
    if (seq > head) {
      throw new CoapRequestException(Reason.NOT_FOUND, "seq " + seq + " is beyond the head (seq " + head + ")");
    }
    source.acknowledge(seq);
    return new Response(ResponseCode.CHANGED);
  }
}

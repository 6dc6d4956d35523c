package io.packpass.agent.coap;

import io.packpass.agent.coap.CoapRequestException.Reason;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.passport.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;

/**
 * {@code /updates?since=N[&max=M]}: the hash-chained log. The answer (60, application/cbor) is a
 * CBOR array of byte strings, each the exact COSE_Sign1 bytes of one update, seq {@code N + 1}
 * onwards in order ({@code N = -1} or no {@code since}: from the birth record). At most
 * {@code max} records per answer (default and ceiling: the page size); a page holds exactly
 * {@code min(max, head - N)} records, so a full page means there may be more (ask again with
 * {@code since} = the last seq received) and a shorter one (empty at the head) means caught up.
 * Large answers travel block-wise (Block2). {@code since} beyond the head: 4.04; below the oldest held record: 4.04
 * (the collector would miss updates); not an integer: 4.00.
 */
final class UpdatesResource extends PackPassResource {
  private final PassportSource source;
  private final int pageSize;

  UpdatesResource(PassportSource source, int pageSize) {
    super("updates", "signed update log (?since=seq)", MediaTypeRegistry.APPLICATION_CBOR);
    this.source = source;
    this.pageSize = pageSize;
  }

  @Override
  Response get(CoapCall call) {
    int format = call.negotiate(MediaTypeRegistry.APPLICATION_CBOR);
    Map<String, String> query = call.query("since", "max");
    long since = CoapCall.longParameter(query, "since", -1, Long.MAX_VALUE - 1, -1);
    int max = (int) CoapCall.longParameter(query, "max", 1, pageSize, pageSize);
    call.requireTier(Tier.LEGITIMATE_INTEREST, "the update log");
    long head = source.headSeq();
    if (since > head) {
      throw new CoapRequestException(Reason.NOT_FOUND, "since " + since + " is beyond the head (seq " + head + ")");
    }
    long first = source.firstSeq();
    if (since < first - 1) {
      throw new CoapRequestException(Reason.NOT_FOUND, "updates before seq " + first
          + " are no longer held; since must be at least " + (first - 1));
    }
    List<Cbor> records = new ArrayList<>();
    for (byte[] cose : source.since(since, max)) {
      records.add(Cbor.of(cose));
    }
    return content(CborEncoder.encode(new Cbor.Array(records)), format);
  }
}

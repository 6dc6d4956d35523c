package io.packpass.gateway.verify;

import io.packpass.gateway.store.QuarantineReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How many updates this process accepted, found duplicate, and rejected per reason (since it started). */
public final class IngestCounters {
  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final Map<QuarantineReason, LongAdder> rejected = new EnumMap<>(QuarantineReason.class);

  public IngestCounters() {
    for (QuarantineReason reason : QuarantineReason.values()) {
      rejected.put(reason, new LongAdder());
    }
  }

  void count(IngestResult result) {
    switch (result.status()) {
      case ACCEPTED:
        accepted.increment();
        break;
      case DUPLICATE:
        duplicates.increment();
        break;
      default:
        rejected.get(result.reason().orElseThrow()).increment();
    }
  }

  public long accepted() {
    return accepted.sum();
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long rejected(QuarantineReason reason) {
    return rejected.get(reason).sum();
  }

  /** Reasons with at least one rejection. */
  public Map<QuarantineReason, Long> rejectedByReason() {
    Map<QuarantineReason, Long> out = new EnumMap<>(QuarantineReason.class);
    rejected.forEach((reason, n) -> {
      if (n.sum() > 0) {
        out.put(reason, n.sum());
      }
    });
    return out;
  }
}

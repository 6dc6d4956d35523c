package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Time spent per bin (DIN DKE SPEC 99100 recommends SoC and temperature histograms). Bin i covers
 * [lowerEdges[i], lowerEdges[i+1]) in the unit of its quantity (cpct for SoC, dC for temperature);
 * the last bin is open-ended. {@code minutes} holds the time per bin.
 *
 * <p>CBOR: {@code {1: [* lower-edge], 2: [* minutes], 3: time}}.
 */
public record Histogram(
    @Access(Tier.LEGITIMATE_INTEREST) List<Long> lowerEdges,
    @Access(Tier.LEGITIMATE_INTEREST) List<Long> minutes,
    @Access(Tier.LEGITIMATE_INTEREST) Instant time) {

  public static final int MAX_BINS = 64;

  public Histogram {
    lowerEdges = List.copyOf(lowerEdges);
    minutes = List.copyOf(minutes);
    Objects.requireNonNull(time, "time");
    if (lowerEdges.isEmpty() || lowerEdges.size() > MAX_BINS) {
      throw new IllegalArgumentException("a histogram has 1 to " + MAX_BINS + " bins, not " + lowerEdges.size());
    }
    if (lowerEdges.size() != minutes.size()) {
      throw new IllegalArgumentException("histogram has " + lowerEdges.size() + " edges but " + minutes.size()
          + " bin values");
    }
    for (int i = 1; i < lowerEdges.size(); i++) {
      if (lowerEdges.get(i) <= lowerEdges.get(i - 1)) {
        throw new IllegalArgumentException("histogram edges must increase strictly");
      }
    }
    if (minutes.stream().anyMatch(m -> m < 0)) {
      throw new IllegalArgumentException("histogram bins must not be negative");
    }
  }

  public long totalMinutes() {
    return minutes.stream().mapToLong(Long::longValue).sum();
  }

  Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, PassportCbor.list(lowerEdges, Cbor::of))
        .put(2, PassportCbor.list(minutes, Cbor::of))
        .put(3, PassportCbor.time(time))
        .build();
  }

  static Histogram fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L));
    List<Long> edges = PassportCbor.list(f, 1, Histogram::integer);
    List<Long> bins = PassportCbor.list(f, 2, Histogram::integer);
    return PassportCbor.construct(path, () -> new Histogram(edges, bins, PassportCbor.time(f, 3)));
  }

  private static Long integer(Cbor item, String path) {
    if (!(item instanceof Cbor.Int i)) {
      throw new CborException(path, "expected integer");
    }
    return i.value();
  }
}

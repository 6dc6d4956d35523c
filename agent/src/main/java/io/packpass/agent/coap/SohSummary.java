package io.packpass.agent.coap;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /soh} shows: small enough for one datagram, observable.
 *
 * <p>CBOR: {@code {1: seq of the newest update, 2: time of the newest update (epoch seconds),
 * ? 3: state of health (cpct, 1/100 %), ? 4: state of charge (cpct), 5: number of active estimator
 * flags}}; values come from the newest reading, absent ones are left out.
 *
 * @param seq the newest update's seq: a collector that holds it is up to date
 * @param flags how many estimator flags (stuck, rising or jumping SOH, BMS disagreement...) are active
 */
public record SohSummary(long seq, Instant time, Optional<Long> sohCpct, Optional<Long> socCpct, int flags) {

  public SohSummary {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(sohCpct, "sohCpct");
    Objects.requireNonNull(socCpct, "socCpct");
    if (flags < 0) {
      throw new IllegalArgumentException("flags must not be negative: " + flags);
    }
  }

  /** The summary of {@code passport} at update {@code seq}, with {@code flags} active flags. */
  public static SohSummary of(Passport passport, long seq, int flags) {
    Optional<Long> soh = passport.condition().flatMap(c -> c.get(Quantity.STATE_OF_HEALTH)).map(Measured::value);
    Optional<Long> soc = passport.condition().flatMap(c -> c.get(Quantity.STATE_OF_CHARGE)).map(Measured::value);
    return new SohSummary(seq, passport.lastUpdate().orElse(Instant.EPOCH), soh, soc, flags);
  }

  public byte[] encode() {
    return CborEncoder.encode(CborMapBuilder.map()
        .put(1, seq)
        .put(2, time.getEpochSecond())
        .putIfPresent(3, sohCpct.map(Cbor::of))
        .putIfPresent(4, socCpct.map(Cbor::of))
        .put(5, flags)
        .build());
  }

  /** The same for people: {@code seq, time (ISO-8601), sohCpct, socCpct, flags}. */
  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("time", time.toString());
    sohCpct.ifPresent(v -> m.put("sohCpct", v));
    socCpct.ifPresent(v -> m.put("socCpct", v));
    m.put("flags", flags);
    return m;
  }
}

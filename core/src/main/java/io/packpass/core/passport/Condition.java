package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dynamic state of one battery (Annex VII, Annex XIII 4(a),(b),(d)): legitimate-interest data,
 * never public. Each quantity is a {@link Measured} value; histograms are optional.
 *
 * <p>CBOR: {@code {? 1..27: measured, ? 30: soc-histogram, ? 31: temperature-histogram}}, the
 * keys 1 to 27 being {@link Quantity#key()}.
 */
public record Condition(
    @Access(Tier.LEGITIMATE_INTEREST) Map<Quantity, Measured> values,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Histogram> stateOfChargeHistogram,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Histogram> temperatureHistogram) {

  static final int KEY_SOC_HISTOGRAM = 30;
  static final int KEY_TEMPERATURE_HISTOGRAM = 31;

  public Condition {
    EnumMap<Quantity, Measured> copy = new EnumMap<>(Quantity.class);
    copy.putAll(values);
    for (var entry : copy.entrySet()) {
      if (entry.getKey().isPercentage() && (entry.getValue().value() < 0 || entry.getValue().value() > 10_000)) {
        throw new IllegalArgumentException(entry.getKey().label() + " = " + entry.getValue().value()
            + " cpct is outside 0..100 %");
      }
    }
    values = Collections.unmodifiableMap(copy);
  }

  public static Condition of(Map<Quantity, Measured> values) {
    return new Condition(values, Optional.empty(), Optional.empty());
  }

  public Optional<Measured> get(Quantity quantity) {
    return Optional.ofNullable(values.get(quantity));
  }

  /** This condition with {@code newer}'s values and histograms laid over it. */
  public Condition mergedWith(Condition newer) {
    EnumMap<Quantity, Measured> merged = new EnumMap<>(Quantity.class);
    merged.putAll(values);
    merged.putAll(newer.values);
    return new Condition(merged, newer.stateOfChargeHistogram.or(() -> stateOfChargeHistogram),
        newer.temperatureHistogram.or(() -> temperatureHistogram));
  }

  public Cbor toCbor() {
    HashMap<Cbor, Cbor> entries = new HashMap<>();
    values.forEach((q, m) -> entries.put(Cbor.of(q.key()), m.toCbor()));
    stateOfChargeHistogram.ifPresent(h -> entries.put(Cbor.of(KEY_SOC_HISTOGRAM), h.toCbor()));
    temperatureHistogram.ifPresent(h -> entries.put(Cbor.of(KEY_TEMPERATURE_HISTOGRAM), h.toCbor()));
    return Cbor.Map.of(entries);
  }

  public static Condition fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path);
    EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
    Optional<Histogram> soc = Optional.empty();
    Optional<Histogram> temperature = Optional.empty();
    for (var entry : ((Cbor.Map) item).entries().entrySet()) {
      if (!(entry.getKey() instanceof Cbor.Int key)) {
        throw new CborException(path, "condition keys are integers, found " + entry.getKey());
      }
      String fieldPath = f.pathOf(key.value());
      if (key.value() == KEY_SOC_HISTOGRAM) {
        soc = Optional.of(Histogram.fromCbor(entry.getValue(), fieldPath));
      } else if (key.value() == KEY_TEMPERATURE_HISTOGRAM) {
        temperature = Optional.of(Histogram.fromCbor(entry.getValue(), fieldPath));
      } else {
        Quantity quantity = PassportCbor.construct(fieldPath, () -> Quantity.fromKey(key.value()));
        values.put(quantity, Measured.fromCbor(entry.getValue(), fieldPath));
      }
    }
    Optional<Histogram> socHistogram = soc;
    Optional<Histogram> temperatureHistogram = temperature;
    return PassportCbor.construct(path, () -> new Condition(values, socHistogram, temperatureHistogram));
  }
}

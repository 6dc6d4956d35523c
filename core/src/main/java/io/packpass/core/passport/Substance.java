package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.Optional;
import java.util.Set;

/**
 * A named material: a hazardous substance (public, Annex VI Part A (8)) or an entry of the
 * detailed composition (legitimate interest, Annex XIII 2(a)); share in cpct of battery mass.
 *
 * <p>CBOR: {@code {1: name, ? 2: cas-number, ? 3: component, ? 4: share-cpct, ? 5: impact}}.
 */
public record Substance(
    @Access(Tier.PUBLIC) String name,
    @Access(Tier.PUBLIC) Optional<String> casNumber,
    /** cathode, anode, electrolyte, separator, casing, ... */
    @Access(Tier.PUBLIC) Optional<String> component,
    @Access(Tier.PUBLIC) Optional<Long> shareCpct,
    @Access(Tier.PUBLIC) Optional<String> impact) {

  public Substance {
    PassportCbor.requireText(name, "substance name", PassportCbor.MAX_TEXT);
    shareCpct.ifPresent(s -> PassportCbor.requireRange(s, "share of " + name, 0, 10_000));
  }

  public static Substance named(String name, String casNumber) {
    return new Substance(name, Optional.of(casNumber), Optional.empty(), Optional.empty(), Optional.empty());
  }

  Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, name)
        .putIfPresent(2, casNumber.map(Cbor::of))
        .putIfPresent(3, component.map(Cbor::of))
        .putIfPresent(4, shareCpct.map(Cbor::of))
        .putIfPresent(5, impact.map(Cbor::of))
        .build();
  }

  static Substance fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L, 4L, 5L));
    return PassportCbor.construct(path, () -> new Substance(f.requireText(1, PassportCbor.MAX_TEXT),
        f.optionalText(2, 32), f.optionalText(3, PassportCbor.MAX_TEXT), f.optionalInt(4, 0, 10_000),
        f.optionalText(5, PassportCbor.MAX_LONG_TEXT)));
  }
}

package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.Set;

/**
 * The declared maximum content of the three metals the Regulation restricts and marks: mercury
 * and cadmium (Art. 6, Annex I) and lead (Annex I; Art. 13(4) asks for the Cd and Pb symbols above
 * 0.002 % cadmium or 0.004 % lead), each in parts per million by weight of the whole battery.
 * Public (Annex VI Part A (8) hazardous substances).
 *
 * <p>CBOR: {@code {1: mercury-ppm, 2: cadmium-ppm, 3: lead-ppm}}.
 */
public record HeavyMetals(
    @Access(Tier.PUBLIC) long mercuryPpm,
    @Access(Tier.PUBLIC) long cadmiumPpm,
    @Access(Tier.PUBLIC) long leadPpm) {

  static final long MAX_PPM = 1_000_000;

  public HeavyMetals {
    PassportCbor.requireRange(mercuryPpm, "mercury content", 0, MAX_PPM);
    PassportCbor.requireRange(cadmiumPpm, "cadmium content", 0, MAX_PPM);
    PassportCbor.requireRange(leadPpm, "lead content", 0, MAX_PPM);
  }

  Cbor toCbor() {
    return CborMapBuilder.map().put(1, mercuryPpm).put(2, cadmiumPpm).put(3, leadPpm).build();
  }

  static HeavyMetals fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L));
    return PassportCbor.construct(path, () -> new HeavyMetals(f.requireInt(1, 0, MAX_PPM),
        f.requireInt(2, 0, MAX_PPM), f.requireInt(3, 0, MAX_PPM)));
  }
}

package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.Set;

/**
 * The contributions of the life-cycle stages to the battery carbon footprint (Art. 7(1)(c),
 * Annex II: raw material acquisition and pre-processing, main product production, distribution,
 * end of life and recycling), each in g CO2e per kWh of total energy over the service life, the
 * unit of {@link Model#carbonFootprintGramsPerKwh()}. The end-of-life stage may be negative when
 * recycling credits outweigh its emissions. Public.
 *
 * <p>CBOR: {@code {1: raw-material, 2: production, 3: distribution, 4: end-of-life}}.
 */
public record CarbonFootprintStages(
    @Access(Tier.PUBLIC) long rawMaterialGramsPerKwh,
    @Access(Tier.PUBLIC) long productionGramsPerKwh,
    @Access(Tier.PUBLIC) long distributionGramsPerKwh,
    @Access(Tier.PUBLIC) long endOfLifeGramsPerKwh) {

  /** 10 t CO2e per kWh: far above any real battery, a bound against garbage. */
  static final long MAX = 10_000_000;

  public CarbonFootprintStages {
    PassportCbor.requireRange(rawMaterialGramsPerKwh, "raw-material stage footprint", 0, MAX);
    PassportCbor.requireRange(productionGramsPerKwh, "production stage footprint", 0, MAX);
    PassportCbor.requireRange(distributionGramsPerKwh, "distribution stage footprint", 0, MAX);
    PassportCbor.requireRange(endOfLifeGramsPerKwh, "end-of-life stage footprint", -MAX, MAX);
  }

  Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, rawMaterialGramsPerKwh)
        .put(2, productionGramsPerKwh)
        .put(3, distributionGramsPerKwh)
        .put(4, endOfLifeGramsPerKwh)
        .build();
  }

  static CarbonFootprintStages fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L, 4L));
    return PassportCbor.construct(path, () -> new CarbonFootprintStages(f.requireInt(1, 0, MAX),
        f.requireInt(2, 0, MAX), f.requireInt(3, 0, MAX), f.requireInt(4, -MAX, MAX)));
  }
}

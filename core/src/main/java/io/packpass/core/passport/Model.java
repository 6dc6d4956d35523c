package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Static data of the battery model (Annex XIII point 1 public, point 2 legitimate interest,
 * point 3 authorities), shared by every pack of the model.
 *
 * <p>CBOR keys: 1 manufacturer, 2 model name, 3 category, 4 chemistry, 5 mass g, 6 performance,
 * 7 hazardous substances, 8 critical raw materials, 9 recycled content, ? 10 renewable content
 * cpct, ? 11 carbon footprint g CO2e/kWh, ? 12 carbon footprint performance class, 13 usable
 * extinguishing agents, ? 14 EU declaration of conformity URI, ? 15 due-diligence report URI,
 * ? 16 end-of-life information URI, 17 label symbols, 18 detailed composition (LI), 19 dismantling
 * information URIs (LI), 20 spare-part sources (LI), ? 21 safety measures (LI), 22 test report
 * URIs (authority), ? 23 carbon footprint per life-cycle stage, ? 24 public carbon footprint study
 * URI (Art. 7(1)(f)), ? 25 labels information URI, ? 26 declared mercury, cadmium and lead content.
 * Lists may be empty and are then left out.
 */
public record Model(
    @Access(Tier.PUBLIC) Party manufacturer,
    @Access(Tier.PUBLIC) String modelName,
    @Access(Tier.PUBLIC) Category category,
    @Access(Tier.PUBLIC) Chemistry chemistry,
    @Access(Tier.PUBLIC) long massGrams,
    @Access(Tier.PUBLIC) Performance performance,
    @Access(Tier.PUBLIC) List<Substance> hazardousSubstances,
    @Access(Tier.PUBLIC) List<String> criticalRawMaterials,
    @Access(Tier.PUBLIC) List<RecycledShare> recycledContent,
    @Access(Tier.PUBLIC) Optional<Long> renewableContentCpct,
    @Access(Tier.PUBLIC) Optional<Long> carbonFootprintGramsPerKwh,
    @Access(Tier.PUBLIC) Optional<String> carbonFootprintClass,
    @Access(Tier.PUBLIC) List<String> extinguishingAgents,
    @Access(Tier.PUBLIC) Optional<String> declarationOfConformity,
    @Access(Tier.PUBLIC) Optional<String> dueDiligenceReport,
    @Access(Tier.PUBLIC) Optional<String> endOfLifeInformation,
    @Access(Tier.PUBLIC) List<String> labelSymbols,
    @Access(Tier.LEGITIMATE_INTEREST) List<Substance> composition,
    @Access(Tier.LEGITIMATE_INTEREST) List<String> dismantlingInformation,
    @Access(Tier.LEGITIMATE_INTEREST) List<String> sparePartSources,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<String> safetyMeasures,
    @Access(Tier.AUTHORITY) List<String> testReports,
    @Access(Tier.PUBLIC) Optional<CarbonFootprintStages> carbonFootprintStages,
    @Access(Tier.PUBLIC) Optional<String> carbonFootprintStudy,
    /** A web page or document that shows the labels and symbols the battery bears and explains them. */
    @Access(Tier.PUBLIC) Optional<String> labelsInformation,
    @Access(Tier.PUBLIC) Optional<HeavyMetals> heavyMetals) {

  private static final Set<Long> KEYS = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L,
      16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L, 26L);

  public Model {
    PassportCbor.requireText(modelName, "model name", PassportCbor.MAX_TEXT);
    if (massGrams <= 0) {
      throw new IllegalArgumentException("battery mass must be positive, got " + massGrams + " g");
    }
    hazardousSubstances = List.copyOf(hazardousSubstances);
    criticalRawMaterials = List.copyOf(criticalRawMaterials);
    recycledContent = List.copyOf(recycledContent);
    extinguishingAgents = List.copyOf(extinguishingAgents);
    labelSymbols = List.copyOf(labelSymbols);
    composition = List.copyOf(composition);
    dismantlingInformation = List.copyOf(dismantlingInformation);
    sparePartSources = List.copyOf(sparePartSources);
    testReports = List.copyOf(testReports);
    renewableContentCpct.ifPresent(v -> PassportCbor.requireRange(v, "renewable content", 0, 10_000));
  }

  public Cbor toCbor() {
    CborMapBuilder b = CborMapBuilder.map()
        .put(1, manufacturer.toCbor())
        .put(2, modelName)
        .put(3, category.code())
        .put(4, chemistry.code())
        .put(5, massGrams)
        .put(6, performance.toCbor());
    putList(b, 7, hazardousSubstances.isEmpty(), () -> PassportCbor.list(hazardousSubstances, Substance::toCbor));
    putList(b, 8, criticalRawMaterials.isEmpty(), () -> PassportCbor.texts(criticalRawMaterials));
    putList(b, 9, recycledContent.isEmpty(), () -> PassportCbor.list(recycledContent, RecycledShare::toCbor));
    b.putIfPresent(10, renewableContentCpct.map(Cbor::of))
        .putIfPresent(11, carbonFootprintGramsPerKwh.map(Cbor::of))
        .putIfPresent(12, carbonFootprintClass.map(Cbor::of));
    putList(b, 13, extinguishingAgents.isEmpty(), () -> PassportCbor.texts(extinguishingAgents));
    b.putIfPresent(14, declarationOfConformity.map(Cbor::of))
        .putIfPresent(15, dueDiligenceReport.map(Cbor::of))
        .putIfPresent(16, endOfLifeInformation.map(Cbor::of));
    putList(b, 17, labelSymbols.isEmpty(), () -> PassportCbor.texts(labelSymbols));
    putList(b, 18, composition.isEmpty(), () -> PassportCbor.list(composition, Substance::toCbor));
    putList(b, 19, dismantlingInformation.isEmpty(), () -> PassportCbor.texts(dismantlingInformation));
    putList(b, 20, sparePartSources.isEmpty(), () -> PassportCbor.texts(sparePartSources));
    b.putIfPresent(21, safetyMeasures.map(Cbor::of));
    putList(b, 22, testReports.isEmpty(), () -> PassportCbor.texts(testReports));
    b.putIfPresent(23, carbonFootprintStages.map(CarbonFootprintStages::toCbor))
        .putIfPresent(24, carbonFootprintStudy.map(Cbor::of))
        .putIfPresent(25, labelsInformation.map(Cbor::of))
        .putIfPresent(26, heavyMetals.map(HeavyMetals::toCbor));
    return b.build();
  }

  static void putList(CborMapBuilder b, long key, boolean empty, java.util.function.Supplier<Cbor> list) {
    if (!empty) {
      b.put(key, list.get());
    }
  }

  public static Model fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(KEYS);
    int text = PassportCbor.MAX_TEXT;
    int uri = PassportCbor.MAX_URI;
    return PassportCbor.construct(path, () -> new Model(
        Party.fromCbor(f.require(1), f.pathOf(1)),
        f.requireText(2, text),
        PassportCbor.code(f, 3, Category::fromCode),
        PassportCbor.code(f, 4, Chemistry::fromCode),
        f.requireInt(5),
        Performance.fromCbor(f.require(6), f.pathOf(6)),
        PassportCbor.list(f, 7, Substance::fromCbor),
        PassportCbor.texts(f, 8, text),
        PassportCbor.list(f, 9, RecycledShare::fromCbor),
        f.optionalInt(10, 0, 10_000),
        f.optionalInt(11, 0, Long.MAX_VALUE),
        f.optionalText(12, 16),
        PassportCbor.texts(f, 13, text),
        f.optionalText(14, uri),
        f.optionalText(15, uri),
        f.optionalText(16, uri),
        PassportCbor.texts(f, 17, 64),
        PassportCbor.list(f, 18, Substance::fromCbor),
        PassportCbor.texts(f, 19, uri),
        PassportCbor.texts(f, 20, text),
        f.optionalText(21, PassportCbor.MAX_LONG_TEXT),
        PassportCbor.texts(f, 22, uri),
        f.optional(23).map(v -> CarbonFootprintStages.fromCbor(v, f.pathOf(23))),
        f.optionalText(24, uri),
        f.optionalText(25, uri),
        f.optional(26).map(v -> HeavyMetals.fromCbor(v, f.pathOf(26)))));
  }
}

package io.packpass.core.label;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.Model;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed label tells a dismantler without a network: the facts they need to handle the pack
 * safely, as the signer knew them when the label was printed. The signed label payload, in
 * deterministic CBOR:
 *
 * <pre>{1: model name, 2: category, 3: chemistry, 4: rated capacity mAh, 5: mass g, 6: hazard flags,
 *  ? 7: [+ extinguishing agent], ? 8: state of health cpct, 9: time signed (epoch seconds)}</pre>
 *
 * <p>The passport id is not in the payload: it is bound into the signature as external data (see
 * {@link SignedLabel}), because the Digital Link in front of the signature already carries it.
 *
 * @param stateOfHealthCpct the latest state of health the signer had at print time; empty on a first
 *     label, printed before the pack was ever measured
 * @param time when the label was signed (whole seconds)
 */
public record LabelFacts(String modelName, Category category, Chemistry chemistry, long ratedCapacityMah,
    long massGrams, Set<Hazard> hazards, List<String> extinguishingAgents, Optional<Long> stateOfHealthCpct,
    Instant time) {

  /** Bounds that keep the payload QR-sized; the regulation's values fit them with room to spare. */
  public static final int MAX_TEXT = 64;
  public static final int MAX_AGENTS = 4;
  private static final Set<Long> KEYS = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

  public LabelFacts {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(chemistry, "chemistry");
    text(modelName, "model name");
    positive(ratedCapacityMah, "rated capacity");
    positive(massGrams, "mass");
    hazards = Collections.unmodifiableSet(hazards.isEmpty() ? EnumSet.noneOf(Hazard.class) : EnumSet.copyOf(hazards));
    extinguishingAgents = List.copyOf(extinguishingAgents);
    if (extinguishingAgents.size() > MAX_AGENTS) {
      throw new IllegalArgumentException(extinguishingAgents.size() + " extinguishing agents; a label carries at most "
          + MAX_AGENTS);
    }
    extinguishingAgents.forEach(a -> text(a, "extinguishing agent"));
    stateOfHealthCpct.ifPresent(s -> {
      if (s < 0 || s > 10_000) {
        throw new IllegalArgumentException("state of health " + s + " cpct is outside 0..10000");
      }
    });
    if (time.getNano() != 0) {
      throw new IllegalArgumentException("label times are whole seconds");
    }
  }

  /** The facts of {@code model}, with the state of health known at {@code time}, if any. */
  public static LabelFacts of(Model model, Optional<Long> stateOfHealthCpct, Instant time) {
    return new LabelFacts(model.modelName(), model.category(), model.chemistry(),
        model.performance().ratedCapacityMah(), model.massGrams(), Hazard.of(model), model.extinguishingAgents(),
        stateOfHealthCpct, time);
  }

  public Cbor.Map toCbor() {
    CborMapBuilder b = CborMapBuilder.map()
        .put(1, modelName)
        .put(2, category.code())
        .put(3, chemistry.code())
        .put(4, ratedCapacityMah)
        .put(5, massGrams)
        .put(6, Hazard.toBits(hazards));
    if (!extinguishingAgents.isEmpty()) {
      b.put(7, new Cbor.Array(extinguishingAgents.stream().<Cbor>map(Cbor::of).toList()));
    }
    return b.putIfPresent(8, stateOfHealthCpct.map(Cbor::of))
        .put(9, time.getEpochSecond())
        .build();
  }

  public byte[] encode() {
    return CborEncoder.encode(toCbor());
  }

  /** Strict decoding: deterministic encoding only, known keys only, types and ranges checked. */
  public static LabelFacts decode(byte[] bytes, CborLimits limits) {
    CborFields f = CborFields.of(CborDecoder.decode(bytes, limits), "$").rejectUnknown(KEYS);
    String model = f.requireText(1, MAX_TEXT);
    Category category = code(f, 2, Category::fromCode);
    Chemistry chemistry = code(f, 3, Chemistry::fromCode);
    long capacity = f.requireInt(4, 1, Long.MAX_VALUE);
    long mass = f.requireInt(5, 1, Long.MAX_VALUE);
    long bits = f.requireInt(6, 0, Long.MAX_VALUE);
    Set<Hazard> hazards = Hazard.fromBits(bits);
    if (hazards == null) {
      throw new CborException(f.pathOf(6), "hazard flags " + bits + " set a bit no hazard owns");
    }
    List<String> agents = List.of();
    Optional<Cbor.Array> array = f.optionalArray(7);
    if (array.isPresent()) {
      if (array.get().size() == 0 || array.get().size() > MAX_AGENTS) {
        throw new CborException(f.pathOf(7), "expected 1 to " + MAX_AGENTS + " extinguishing agents, found "
            + array.get().size());
      }
      agents = array.get().items().stream().map(item -> {
        String text = CborFields.expect(item, Cbor.Text.class, f.pathOf(7)).value();
        if (text.length() > MAX_TEXT) {
          throw new CborException(f.pathOf(7), "text of " + text.length() + " characters exceeds " + MAX_TEXT);
        }
        return text;
      }).toList();
    }
    Optional<Long> soh = f.optionalInt(8, 0, 10_000);
    Instant time = Instant.ofEpochSecond(f.requireInt(9, 0, 253402300799L));
    List<String> extinguishing = agents;
    try {
      return new LabelFacts(model, category, chemistry, capacity, mass, hazards, extinguishing, soh, time);
    } catch (IllegalArgumentException e) {
      throw new CborException("$", e.getMessage());
    }
  }

  private static <T> T code(CborFields f, long key, java.util.function.LongFunction<T> decode) {
    long code = f.requireInt(key);
    try {
      return decode.apply(code);
    } catch (IllegalArgumentException e) {
      throw new CborException(f.pathOf(key), e.getMessage());
    }
  }

  private static void text(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + " has " + value.length() + " characters; a label carries at most "
          + MAX_TEXT + ": '" + value + "'");
    }
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}

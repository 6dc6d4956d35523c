package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.Set;

/**
 * Recycled content of one material in the active materials (Art. 8, Annex XIII 1(e)), pre- and
 * post-consumer shares in cpct. Public.
 *
 * <p>CBOR: {@code {1: material ("cobalt" / "lithium" / "nickel" / "lead"), 2: pre-cpct, 3: post-cpct}}.
 */
public record RecycledShare(
    @Access(Tier.PUBLIC) String material,
    @Access(Tier.PUBLIC) long preConsumerCpct,
    @Access(Tier.PUBLIC) long postConsumerCpct) {

  public static final Set<String> MATERIALS = Set.of("cobalt", "lithium", "nickel", "lead");

  public RecycledShare {
    if (!MATERIALS.contains(material)) {
      throw new IllegalArgumentException("recycled content is declared for cobalt, lithium, nickel or lead, not '"
          + material + "'");
    }
    PassportCbor.requireRange(preConsumerCpct, "pre-consumer share", 0, 10_000);
    PassportCbor.requireRange(postConsumerCpct, "post-consumer share", 0, 10_000);
  }

  Cbor toCbor() {
    return CborMapBuilder.map().put(1, material).put(2, preConsumerCpct).put(3, postConsumerCpct).build();
  }

  static RecycledShare fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L));
    return PassportCbor.construct(path, () -> new RecycledShare(f.requireText(1, 16), f.requireInt(2, 0, 10_000),
        f.requireInt(3, 0, 10_000)));
  }
}

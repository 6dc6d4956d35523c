package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.util.Optional;
import java.util.Set;

/**
 * A manufacturer or economic operator (Annex VI Part A (1)): name, an identifier such as a GS1
 * GLN or a Catena-X BPNL, postal address, web and e-mail. Public.
 *
 * <p>CBOR: {@code {1: name, ? 2: identifier, ? 3: address, ? 4: web, ? 5: email}}.
 */
public record Party(
    @Access(Tier.PUBLIC) String name,
    @Access(Tier.PUBLIC) Optional<String> identifier,
    @Access(Tier.PUBLIC) Optional<String> postalAddress,
    @Access(Tier.PUBLIC) Optional<String> web,
    @Access(Tier.PUBLIC) Optional<String> email) {

  public Party {
    PassportCbor.requireText(name, "party name", PassportCbor.MAX_TEXT);
  }

  public static Party named(String name) {
    return new Party(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  Cbor toCbor() {
    return CborMapBuilder.map()
        .put(1, name)
        .putIfPresent(2, identifier.map(Cbor::of))
        .putIfPresent(3, postalAddress.map(Cbor::of))
        .putIfPresent(4, web.map(Cbor::of))
        .putIfPresent(5, email.map(Cbor::of))
        .build();
  }

  static Party fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L, 4L, 5L));
    return PassportCbor.construct(path, () -> new Party(f.requireText(1, PassportCbor.MAX_TEXT),
        f.optionalText(2, PassportCbor.MAX_TEXT), f.optionalText(3, PassportCbor.MAX_TEXT),
        f.optionalText(4, PassportCbor.MAX_URI), f.optionalText(5, PassportCbor.MAX_TEXT)));
  }
}

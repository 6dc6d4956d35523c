package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Static data of one pack. Date and place of manufacture, batch and operator are public (Annex VI
 * Part A); the rest is legitimate-interest data.
 *
 * <p>CBOR: {@code {1: manufacturing-date, 2: manufacturing-place, ? 3: batch, ? 4: economic-operator,
 * ? 5: put-into-service date, ? 6: cell count, ? 7: cell layout (e.g. "96s2p"), ? 8: [* part number],
 * ? 9: facility identifier}}. The facility identifier names the manufacturing plant (EN 18219 unique
 * facility identifier, e.g. a GS1 GLN or a Catena-X BPNA); public like the place it names.
 */
public record Item(
    @Access(Tier.PUBLIC) LocalDate manufacturingDate,
    @Access(Tier.PUBLIC) String manufacturingPlace,
    @Access(Tier.PUBLIC) Optional<String> batch,
    @Access(Tier.PUBLIC) Optional<Party> economicOperator,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<LocalDate> putIntoService,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<Long> cellCount,
    @Access(Tier.LEGITIMATE_INTEREST) Optional<String> cellLayout,
    @Access(Tier.LEGITIMATE_INTEREST) List<String> partNumbers,
    @Access(Tier.PUBLIC) Optional<String> facilityIdentifier) {

  public Item {
    Objects.requireNonNull(manufacturingDate, "manufacturing date");
    PassportCbor.requireText(manufacturingPlace, "manufacturing place", PassportCbor.MAX_TEXT);
    partNumbers = List.copyOf(partNumbers);
    cellCount.ifPresent(c -> PassportCbor.requireRange(c, "cell count", 1, 100_000));
    facilityIdentifier.ifPresent(id -> PassportCbor.requireText(id, "facility identifier", PassportCbor.MAX_TEXT));
  }

  public Cbor toCbor() {
    CborMapBuilder b = CborMapBuilder.map()
        .put(1, PassportCbor.date(manufacturingDate))
        .put(2, manufacturingPlace)
        .putIfPresent(3, batch.map(Cbor::of))
        .putIfPresent(4, economicOperator.map(Party::toCbor))
        .putIfPresent(5, putIntoService.map(PassportCbor::date))
        .putIfPresent(6, cellCount.map(Cbor::of))
        .putIfPresent(7, cellLayout.map(Cbor::of));
    Model.putList(b, 8, partNumbers.isEmpty(), () -> PassportCbor.texts(partNumbers));
    b.putIfPresent(9, facilityIdentifier.map(Cbor::of));
    return b.build();
  }

  public static Item fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
    return PassportCbor.construct(path, () -> new Item(
        PassportCbor.date(f, 1),
        f.requireText(2, PassportCbor.MAX_TEXT),
        f.optionalText(3, PassportCbor.MAX_TEXT),
        f.optional(4).map(v -> Party.fromCbor(v, f.pathOf(4))),
        PassportCbor.optionalDate(f, 5),
        f.optionalInt(6, 1, 100_000),
        f.optionalText(7, 64),
        PassportCbor.texts(f, 8, PassportCbor.MAX_TEXT),
        f.optionalText(9, PassportCbor.MAX_TEXT)));
  }
}

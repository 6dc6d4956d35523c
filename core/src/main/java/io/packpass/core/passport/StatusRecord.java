package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborMapBuilder;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the status history (Annex XIII 4(c), legitimate interest): the status, since when,
 * and who declared it.
 *
 * <p>CBOR: {@code {1: status, 2: time, 3: actor}}.
 */
public record StatusRecord(
    @Access(Tier.LEGITIMATE_INTEREST) BatteryStatus status,
    @Access(Tier.LEGITIMATE_INTEREST) Instant time,
    @Access(Tier.LEGITIMATE_INTEREST) String actor) {

  public StatusRecord {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(time, "time");
    PassportCbor.requireText(actor, "status actor", PassportCbor.MAX_TEXT);
  }

  public Cbor toCbor() {
    return CborMapBuilder.map().put(1, status.code()).put(2, PassportCbor.time(time)).put(3, actor).build();
  }

  public static StatusRecord fromCbor(Cbor item, String path) {
    CborFields f = CborFields.of(item, path).rejectUnknown(Set.of(1L, 2L, 3L));
    return PassportCbor.construct(path, () -> new StatusRecord(PassportCbor.code(f, 1, BatteryStatus::fromCode),
        PassportCbor.time(f, 2), f.requireText(3, PassportCbor.MAX_TEXT)));
  }
}

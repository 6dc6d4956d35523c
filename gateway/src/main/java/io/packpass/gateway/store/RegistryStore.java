package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import io.packpass.gateway.registry.LogKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Port: what the registry role reads and writes beyond the device chains (docs/registry.md). */
public interface RegistryStore {
  Optional<PassportRecord> record(PassportId id);

  /** Passport ids in id order after {@code after} (empty: from the start), at most {@code limit}. */
  List<PassportId> passportIds(Optional<PassportId> after, int limit);

  /** Accepted device-chain updates of {@code id} after {@code seq}, at most {@code limit}, in seq order. */
  List<StoredUpdate> updates(PassportId id, long afterSeq, int limit);

  /** Registry log entries after {@code seq}, at most {@code limit}, optionally of one kind. */
  List<LogRow> log(PassportId id, long afterSeq, int limit, Optional<LogKind> kind);

  /** SOH samples after {@code seq} in seq order, at most {@code limit}. */
  List<SohSample> sohHistory(PassportId id, long afterSeq, int limit);

  /** The newest {@code limit} SOH samples, oldest first (for the page's plot). */
  List<SohSample> latestSoh(PassportId id, int limit);

  /**
   * Runs {@code work} in one transaction and commits what it wrote, or nothing if it throws.
   *
   * @throws StoreConflictException when another transaction took the same log position first
   */
  <T> T inRegistryTransaction(Function<RegistryTransaction, T> work);
}

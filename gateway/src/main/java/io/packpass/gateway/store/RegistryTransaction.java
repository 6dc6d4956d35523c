package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import io.packpass.gateway.registry.RecordState;
import java.time.Instant;
import java.util.Optional;

/** One transaction of the registry log; the passport's row is locked once read, so ingest waits its turn. */
public interface RegistryTransaction {
  /** The record, its row locked until the transaction ends. */
  Optional<PassportRecord> lock(PassportId id);

  /** Hash of accepted device-chain update {@code seq} of {@code id}, if there is one. */
  Optional<byte[]> deviceHashAt(PassportId id, long seq);

  /**
   * Appends an entry at the log's head and stores the passport folded with it.
   *
   * @param state the record's new state, when the entry changes it
   */
  void append(PassportId id, LogRow row, Passport after, Optional<RecordState> state, Instant receivedAt);
}

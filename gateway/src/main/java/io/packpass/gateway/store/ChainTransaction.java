package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import java.util.Optional;

/**
 * One transaction on the stored chains. Reads see this transaction's own writes; everything written
 * becomes visible together when the transaction commits, or not at all.
 */
public interface ChainTransaction {
  /**
   * The head of {@code id}'s chain, locked until this transaction ends, so that two ingests of the
   * same passport take turns; empty when no birth record is stored yet.
   */
  Optional<PassportHead> lockHead(PassportId id);

  /** Hash of the accepted update {@code seq} of {@code id}, if there is one. */
  Optional<byte[]> hashAt(PassportId id, long seq);

  /** Stores an accepted update and advances its passport's head (to be called in seq order). */
  void accept(AcceptedUpdate update);

  void quarantine(QuarantineEntry entry);
}

package io.packpass.gateway.store;

import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Port: the verified update chains of every passport, written in transactions. */
public interface ChainStore {
  /**
   * Runs {@code work} in one transaction and commits what it wrote, or nothing if it throws.
   *
   * @throws StoreConflictException when another transaction took the same chain position first
   *     (the caller may run the work again)
   * @throws StoreException when the store fails
   */
  <T> T inTransaction(Function<ChainTransaction, T> work);

  Optional<PassportHead> head(PassportId id);

  /** The exact COSE bytes of the accepted updates of {@code id} after {@code seq}, at most {@code max}, in seq order. */
  List<byte[]> updatesSince(PassportId id, long seq, int max);

  /**
   * The certificate chain (x5chain) that an accepted update of {@code id} announced for {@code kid}:
   * what a later update naming only that kid is checked against. Empty when none announced it.
   */
  Optional<List<byte[]>> announcedChain(PassportId id, KeyId kid);

  /** How many accepted updates the store holds, over all passports. */
  long updateCount();
}

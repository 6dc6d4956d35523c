package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import java.util.Objects;

/**
 * The newest accepted state of one passport's chain as the store holds it.
 *
 * @param headSeq seq of the newest accepted update
 * @param headHash SHA-256 of that update's COSE bytes
 * @param passport the passport folded from every accepted update up to the head
 */
public record PassportHead(PassportId id, long headSeq, byte[] headHash, Passport passport) {
  public PassportHead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(passport, "passport");
    headHash = headHash.clone();
  }

  @Override
  public byte[] headHash() {
    return headHash.clone();
  }
}

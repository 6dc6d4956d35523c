package io.packpass.gateway.store;

import io.packpass.core.passport.Passport;
import io.packpass.core.update.SignedUpdate;
import java.time.Instant;
import java.util.Objects;

/**
 * An update the verifier accepted, with what it did to its passport.
 *
 * @param after the passport folded up to and including this update
 * @param source where it came from (an agent's address, a gateway's certificate subject)
 * @param forward whether it also goes into the outbox for the upstream registry
 */
public record AcceptedUpdate(SignedUpdate update, Passport after, Instant receivedAt, String source, boolean forward) {
  public AcceptedUpdate {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(source, "source");
  }
}

package io.packpass.core.update;

import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import java.util.Optional;

/**
 * Port: which key may sign which updates of which passport. The gateway answers from certificate
 * chains and revocation lists; {@link KeyDirectory} is the in-memory answer for agents and tests.
 */
public interface TrustedKeys {
  /**
   * The key with {@code kid} if it may sign updates of {@code kind} for {@code passport}; empty
   * when the key is unknown, revoked or not entitled.
   */
  Optional<VerificationKey> find(KeyId kid, PassportId passport, UpdateKind kind);
}

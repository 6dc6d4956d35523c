package io.packpass.core.update;

import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TrustedKeys} held in memory: each key with the update kinds and (optionally) the one passport it may sign. */
public final class KeyDirectory implements TrustedKeys {
  private record Grant(VerificationKey key, Set<UpdateKind> kinds, Optional<PassportId> passport) {
  }

  private final Map<KeyId, Grant> grants = new ConcurrentHashMap<>();

  /** A manufacturer key: signs birth records of any passport. */
  public KeyDirectory manufacturer(VerificationKey key) {
    return grant(key, EnumSet.of(UpdateKind.BIRTH), Optional.empty());
  }

  /** A device key bound to one passport: signs its readings and events. */
  public KeyDirectory device(VerificationKey key, PassportId passport) {
    return grant(key, EnumSet.of(UpdateKind.READING, UpdateKind.EVENT), Optional.of(passport));
  }

  public KeyDirectory grant(VerificationKey key, Set<UpdateKind> kinds, Optional<PassportId> passport) {
    grants.put(key.keyId(), new Grant(key, EnumSet.copyOf(kinds), passport));
    return this;
  }

  public void revoke(KeyId kid) {
    grants.remove(kid);
  }

  @Override
  public Optional<VerificationKey> find(KeyId kid, PassportId passport, UpdateKind kind) {
    Grant grant = grants.get(kid);
    if (grant == null || !grant.kinds().contains(kind)
        || grant.passport().map(p -> !p.equals(passport)).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(grant.key());
  }
}

package io.packpass.gateway.actor;

import io.packpass.core.passport.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signed something the registry was given (a log entry, a bearer token): a role certificate's
 * holder, or the manufacturer's passport signer. Known only after {@link ActorVerifier} validated the
 * certificate chain and the signature.
 *
 * @param subject the signer certificate's subject, as RFC 2253 text
 */
public record Actor(Optional<Role> role, boolean passportSigner, String subject) {
  public static final String PASSPORT_SIGNER = "passport-signer";

  public Actor {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
  }

  /** The role id ({@code grader}, {@code recycler}, ...) or {@value #PASSPORT_SIGNER}. */
  public String roleId() {
    return passportSigner ? PASSPORT_SIGNER : role.map(Role::id).orElse("none");
  }

  public boolean has(Role r) {
    return role.isPresent() && role.get() == r;
  }
}

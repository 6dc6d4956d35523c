package io.packpass.gateway.http;

import io.packpass.core.passport.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is asking, as the registry's HTTP server authenticated them.
 *
 * @param via {@code certificate} (TLS client certificate), {@code token} (Authorization: Bearer),
 *     {@code cookie} (a token the sign-in page stored, pages only) or {@code none}
 * @param subject the certificate subject behind the role, when there is one
 */
public record Caller(Role role, String via, Optional<String> subject) {
  public static final Caller ANONYMOUS = new Caller(Role.ANONYMOUS, "none", Optional.empty());

  public Caller {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(subject, "subject");
  }

  public boolean isAnonymous() {
    return role == Role.ANONYMOUS;
  }
}

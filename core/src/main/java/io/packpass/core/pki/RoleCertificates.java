package io.packpass.core.pki;

import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Role;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a PackPass certificate says who its holder is. The role is in exactly one place: a SAN URI
 * {@code urn:packpass:role:<role>} ({@link PackPassOids#ROLE_URI_PREFIX}); a device certificate has
 * the passport's Digital Link as SAN URI instead.
 *
 * <p>These methods read the certificate only. Validate the chain (and revocation) first: a role
 * claimed by an untrusted certificate means nothing.
 */
public final class RoleCertificates {
  private static final int SAN_URI = 6;

  private RoleCertificates() {
  }

  /** The SAN URI that carries {@code role}. */
  public static String uriOf(Role role) {
    return PackPassOids.ROLE_URI_PREFIX + role.id();
  }

  /**
   * The role of a role credential; empty if the certificate names no role, names an unknown one,
   * names {@code anonymous}, or names more than one (ambiguous, so none is granted).
   */
  public static Optional<Role> roleOf(X509Certificate certificate) {
    Optional<Role> found = Optional.empty();
    for (String uri : sanUris(certificate)) {
      if (!uri.startsWith(PackPassOids.ROLE_URI_PREFIX)) {
        continue;
      }
      String id = uri.substring(PackPassOids.ROLE_URI_PREFIX.length());
      Role role;
      try {
        role = Role.fromId(id);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      if (role == Role.ANONYMOUS || (found.isPresent() && found.get() != role)) {
        return Optional.empty();
      }
      found = Optional.of(role);
    }
    return found;
  }

  /** The passports a device certificate names (SAN URIs that are Digital Links), distinct. */
  public static List<PassportId> passportsOf(X509Certificate certificate) {
    return sanUris(certificate).stream().flatMap(uri -> {
      try {
        return Stream.of(DigitalLink.parse(uri).id());
      } catch (IdentifierException e) {
        return Stream.empty();
      }
    }).distinct().toList();
  }

  /** Whether the certificate may sign birth records: the PackPass passport-signing extended key usage. */
  public static boolean isPassportSigner(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages != null && usages.contains(PackPassOids.KP_PASSPORT_SIGNING.getId());
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** The URIs among the certificate's subject alternative names. */
  public static List<String> sanUris(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (names == null) {
      return List.of();
    }
    return names.stream()
        .filter(n -> n.size() == 2 && Integer.valueOf(SAN_URI).equals(n.get(0)) && n.get(1) instanceof String)
        .map(n -> (String) n.get(1))
        .toList();
  }
}

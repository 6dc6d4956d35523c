package io.packpass.core.passport;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who is reading. The role comes from an authenticated credential (an X.509 certificate issued by
 * provisioning); without one the reader is {@link #ANONYMOUS}.
 */
public enum Role {
  ANONYMOUS(EnumSet.of(Tier.PUBLIC)),
  DISMANTLER(EnumSet.of(Tier.PUBLIC, Tier.LEGITIMATE_INTEREST)),
  REPAIRER(EnumSet.of(Tier.PUBLIC, Tier.LEGITIMATE_INTEREST)),
  GRADER(EnumSet.of(Tier.PUBLIC, Tier.LEGITIMATE_INTEREST)),
  RECYCLER(EnumSet.of(Tier.PUBLIC, Tier.LEGITIMATE_INTEREST)),
  /** Owner or fleet operator of the battery. */
  FLEET(EnumSet.of(Tier.PUBLIC, Tier.LEGITIMATE_INTEREST)),
  AUTHORITY(EnumSet.allOf(Tier.class));

  private final Set<Tier> tiers;

  Role(Set<Tier> tiers) {
    this.tiers = tiers;
  }

  public boolean mayRead(Tier tier) {
    return tiers.contains(tier);
  }

  /** Lower-case name as used in certificates, URLs and the CLI. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromId(String id) {
    for (Role role : values()) {
      if (role.id().equals(id)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + id + "' (known: anonymous, dismantler, repairer, "
        + "grader, recycler, fleet, authority)");
  }
}

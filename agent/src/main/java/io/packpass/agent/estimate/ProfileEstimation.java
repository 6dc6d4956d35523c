package io.packpass.agent.estimate;

import io.packpass.agent.profile.HardwareProfile;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import java.util.Locale;

/**
 * The estimator settings a hardware profile implies: chemistry defaults for the pack's cells, its
 * design capacity, nominal voltage and certified energy, its category (SOCE is an EV value), and the
 * current resolution of the profile's protocol (Pylontech CAN sends 0.1 A, JBD 10 mA, SBS 1 mA).
 */
public final class ProfileEstimation {
  private ProfileEstimation() {
  }

  /**
   * @throws EstimatorException when the pack's chemistry has no estimator defaults
   */
  public static EstimatorConfig config(HardwareProfile profile) {
    HardwareProfile.Pack pack = profile.pack();
    long designMah = Math.round(pack.designCapacityAh() * 1000);
    long nominalMv = Math.round(pack.nominalVoltageV() * 1000);
    return EstimatorConfig.builder(chemistry(profile), pack.category().orElse(Category.INDUSTRIAL), pack.seriesCells(),
            designMah)
        .nominalVoltageMv(nominalMv)
        .certifiedEnergyWh(Math.max(1, Math.round(pack.designCapacityAh() * pack.nominalVoltageV())))
        .currentResolutionMa(currentResolutionMa(profile.protocol()))
        .build();
  }

  /** The core chemistry for a profile's {@code pack.chemistry} code; generic Li-ion takes NMC's limits. */
  static Chemistry chemistry(HardwareProfile profile) {
    String code = profile.pack().chemistry().toUpperCase(Locale.ROOT);
    switch (code) {
      case "LFP":
        return Chemistry.LI_ION_LFP;
      case "NMC":
      case "LION": // generic Li-ion (e.g. 18650 packs behind an SBS gauge): NMC-like voltage limits
        return Chemistry.LI_ION_NMC;
      case "NCA":
        return Chemistry.LI_ION_NCA;
      case "LCO":
        return Chemistry.LI_ION_LCO;
      case "LMO":
        return Chemistry.LI_ION_LMO;
      default:
        throw new EstimatorException("profile " + profile.id() + ": pack.chemistry " + code + " has no estimator"
            + " defaults (LFP, NMC, NCA, LCO, LMO or LION)");
    }
  }

  private static long currentResolutionMa(HardwareProfile.Protocol protocol) {
    switch (protocol) {
      case PYLONTECH_CAN:
        return 100;
      case SBS_SMBUS:
      case BQ40Z50_SMBUS:
        return 1;
      default:
        return 10;
    }
  }
}

package io.packpass.agent.estimate;

/** Reasons not to trust the SOH the BMS reports; the rules are in {@link BmsCrossCheck}. */
public enum FlagType {
  /** Bit-identical for a long time while the estimator's own SOH moved. */
  BMS_SOH_STUCK,
  /** Went up materially: a pack's capacity does not recover. */
  BMS_SOH_RISING,
  /** Changed by more than a threshold between consecutive readings. */
  BMS_SOH_JUMP,
  /** Differs from the estimator's own SOH by more than a threshold plus the own uncertainty. */
  BMS_SOH_DISAGREES
}

package io.packpass.agent.estimate;

/**
 * The snapshot fields the plausibility check can reject, named as in
 * {@link io.packpass.agent.bms.BatterySnapshot} so a rejection count points at the field.
 */
public enum InputField {
  PACK_VOLTAGE("packVoltageMv"),
  CURRENT("currentMa"),
  TEMPERATURE("temperaturesDc"),
  CELL_VOLTAGES("cellVoltagesMv"),
  STATE_OF_CHARGE("stateOfChargeCpct"),
  FULL_CHARGE_CAPACITY("fullChargeCapacityMah"),
  BMS_STATE_OF_HEALTH("bmsStateOfHealthCpct"),
  /** Not a snapshot field: a full/empty segment whose counted capacity is outside the plausible range. */
  SEGMENT_CAPACITY("segmentCapacityMah");

  private final String fieldName;

  InputField(String fieldName) {
    this.fieldName = fieldName;
  }

  public String fieldName() {
    return fieldName;
  }
}

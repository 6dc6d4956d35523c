package io.packpass.agent.bms;

/** Protection and fault conditions a BMS reports, in one vocabulary for every driver. */
public enum Alarm {
  CELL_OVER_VOLTAGE,
  CELL_UNDER_VOLTAGE,
  PACK_OVER_VOLTAGE,
  PACK_UNDER_VOLTAGE,
  CHARGE_OVER_TEMPERATURE,
  CHARGE_UNDER_TEMPERATURE,
  DISCHARGE_OVER_TEMPERATURE,
  DISCHARGE_UNDER_TEMPERATURE,
  CHARGE_OVER_CURRENT,
  DISCHARGE_OVER_CURRENT,
  SHORT_CIRCUIT,
  CELL_IMBALANCE,
  /** The BMS reports an internal fault (front-end IC error, software lock, ...). */
  BMS_FAULT
}

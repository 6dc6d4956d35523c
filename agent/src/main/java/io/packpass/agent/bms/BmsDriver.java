package io.packpass.agent.bms;

/**
 * Reads one {@link BatterySnapshot} from a BMS over its bus. A failed field makes the snapshot
 * partial; only a bus that answers nothing at all throws {@link io.packpass.agent.bus.BusException}.
 */
public interface BmsDriver {
  BatterySnapshot read();
}

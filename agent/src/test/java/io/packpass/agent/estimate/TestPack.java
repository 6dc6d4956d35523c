package io.packpass.agent.estimate;

import io.packpass.agent.bms.BatterySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A deterministic 4S pack for estimator tests, not a physics model: per-cell OCV 3400 + 800 x SoC mV
 * with a knee to 3000 mV at empty (so "empty" is seen exactly when the true SoC reaches 0), or, when
 * {@link #ocv} is set, that table (plus {@link #ocvShiftMv}) and no knee; terminal voltage OCV + I x R
 * (the OCV is reached at once when the current stops: no relaxation), equal cells unless told otherwise. A snapshot at time t reports the current
 * that then flows until t + step. Capacity, resistance, temperature, current-sensor offset and the
 * BMS's SOH are plain fields a test changes between phases.
 */
final class TestPack {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final int CELLS = 4;

  double capacityMah;
  double soc;
  long resistanceMohm = 80;
  long temperatureDc = 250;
  long currentOffsetMa;
  /** Added to the first cell only (imbalance). */
  long cellOneOffsetMv;
  Long bmsSohCpct;
  /** The cell's true OCV curve; null: the linear default. */
  OcvTable ocv;
  /** Added to the table's OCV: the cell differs from the datasheet curve the estimator uses. */
  double ocvShiftMv;
  Long fullChargeCapacityMah;
  Duration step = Duration.ofSeconds(10);
  Instant time = START;
  UnaryOperator<BatterySnapshot> tamper = UnaryOperator.identity();

  private final Consumer<BatterySnapshot> sink;
  private final List<BatterySnapshot> recorded = new ArrayList<>();
  private boolean recording;

  TestPack(double capacityMah, double soc, Consumer<BatterySnapshot> sink) {
    this.capacityMah = capacityMah;
    this.soc = soc;
    this.sink = sink;
  }

  /** A complete snapshot with exactly these values, for tests that script the readings themselves. */
  static BatterySnapshot snapshot(Instant time, long packMv, long currentMa, long temperatureDc, List<Long> cellsMv) {
    return new BatterySnapshot(time, Optional.of(packMv), Optional.of(currentMa), List.of(temperatureDc), cellsMv,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Set.of(), BatterySnapshot.Identity.UNKNOWN, Set.of());
  }

  double ocvCellMv(double soc) {
    if (ocv != null) {
      return ocv.cellMvAt(soc * 10_000) + ocvShiftMv;
    }
    return soc <= 0 ? 3000 : 3400 + 800 * Math.min(1, soc);
  }

  long packVoltageMv(long currentMa) {
    return Math.round(CELLS * ocvCellMv(soc) + currentMa * resistanceMohm / 1000.0);
  }

  /** Emits one snapshot with this current, then lets it flow for one step. */
  void step(long currentMa) {
    emit(currentMa);
    soc += currentMa * step.toMillis() / 3_600_000.0 / capacityMah;
    time = time.plus(step);
  }

  void emit(long currentMa) {
    long v = packVoltageMv(currentMa);
    long cell = v / CELLS;
    List<Long> cells = List.of(cell + cellOneOffsetMv, cell, cell, cell);
    BatterySnapshot s = new BatterySnapshot(time, Optional.of(v), Optional.of(currentMa + currentOffsetMa),
        List.of(temperatureDc), cells, Optional.of(Math.max(0, Math.min(10_000, Math.round(soc * 10_000)))),
        Optional.empty(), Optional.ofNullable(fullChargeCapacityMah), Optional.of(4400L), Optional.empty(),
        Optional.ofNullable(bmsSohCpct), Set.of(), BatterySnapshot.Identity.UNKNOWN, Set.of());
    BatterySnapshot out = tamper.apply(s);
    if (recording) {
      recorded.add(out);
    }
    sink.accept(out);
  }

  /** Constant-current discharge until the pack is empty; the last snapshot (at empty) still carries the load. */
  void dischargeToEmpty(long currentMa) {
    while (soc > 0) {
      step(-currentMa);
    }
    emit(-currentMa);
    time = time.plus(step);
  }

  /** Discharges for a while (or until empty). */
  void discharge(long currentMa, Duration duration) {
    Instant end = time.plus(duration);
    while (time.isBefore(end) && soc > 0) {
      step(-currentMa);
    }
  }

  /** CC at {@code currentMa} up to 4.2 V per cell, then CV until the current has tapered below C/40. */
  void chargeToFull(long currentMa) {
    long cvMv = 4200L * CELLS;
    long taperEnd = Math.round(capacityMah / 40);
    while (true) {
      long cv = Math.round((cvMv - CELLS * ocvCellMv(Math.max(soc, 1e-9))) * 1000.0 / resistanceMohm);
      long i = Math.min(currentMa, cv);
      if (i < taperEnd) {
        step(taperEnd / 2);
        return;
      }
      step(i);
    }
  }

  /** Constant current (+ = charge) until the true SoC reaches {@code target}. */
  void moveTo(double target, long currentMa) {
    long i = target > soc ? Math.abs(currentMa) : -Math.abs(currentMa);
    while (i > 0 ? soc < target : soc > target) {
      step(i);
    }
  }

  void rest(Duration duration) {
    Instant end = time.plus(duration);
    while (time.isBefore(end)) {
      step(0);
    }
  }

  /** Full cycle: rest, discharge at C/2 to empty, rest, charge at C/2 to full, rest. */
  void cycle() {
    rest(Duration.ofMinutes(10));
    dischargeToEmpty(Math.round(capacityMah / 2));
    rest(Duration.ofMinutes(10));
    chargeToFull(Math.round(capacityMah / 2));
    rest(Duration.ofMinutes(10));
  }

  /** The agent was off: time passes, the pack moves charge unseen. */
  void unseen(Duration duration, double socChange) {
    time = time.plus(duration);
    soc += socChange;
  }

  void startRecording() {
    recording = true;
  }

  List<BatterySnapshot> recorded() {
    return Collections.unmodifiableList(recorded);
  }
}

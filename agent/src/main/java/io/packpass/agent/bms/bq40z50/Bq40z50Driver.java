package io.packpass.agent.bms.bq40z50;

import static io.packpass.agent.bms.SnapshotFields.BMS_STATE_OF_HEALTH_CPCT;
import static io.packpass.agent.bms.SnapshotFields.CELL_VOLTAGES_MV;

import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bms.sbs.SbsPoll;
import io.packpass.agent.bus.SmbusDevice;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A TI bq40z50 gauge: everything {@link SbsDriver} reads, plus the cell voltages and the gauge's
 * own state of health (packbus.md §1.6).
 *
 * <p>Cell voltages: the bq40z50 numbers its cell-voltage commands backwards, 0x3F = cell 1 ..
 * 0x3C = cell 4 ({@link #BQ40Z50_CELL_COMMANDS}); other parts differ (the bq40z80 has 0x3F = cell
 * 4), so the mapping is a constructor parameter that hardware profiles override. If any cell fails
 * or reads above 5000 mV (0xFFFF included) the whole list is empty and {@code cellVoltagesMv} is
 * missing: a list with a hole would shift cell numbers.
 *
 * <p>StateOfHealth (0x4F): low byte = % of design capacity (the high byte, % of design energy, is
 * ignored); above 100 % it is rejected.
 */
public class Bq40z50Driver extends SbsDriver {

  /** Command per cell, cell 1 first: 0x3F, 0x3E, 0x3D, 0x3C. */
  public static final List<Integer> BQ40Z50_CELL_COMMANDS = List.of(0x3F, 0x3E, 0x3D, 0x3C);
  public static final int STATE_OF_HEALTH = 0x4F;
  /** Above this a cell reading is not believed (Li-ion tops out near 4.4 V). */
  public static final long MAX_CELL_MV = 5000;

  private final List<Integer> cellCommands;

  /** A bq40z50 with the default cell mapping {@link #BQ40Z50_CELL_COMMANDS}. */
  public Bq40z50Driver(SmbusDevice device, Clock clock) {
    this(device, clock, BQ40Z50_CELL_COMMANDS);
  }

  /**
   * @param cellCommands the word command of each cell, cell 1 first; 1..16 distinct commands 0x00..0xFF
   */
  public Bq40z50Driver(SmbusDevice device, Clock clock, List<Integer> cellCommands) {
    super(device, clock);
    List<Integer> commands = List.copyOf(cellCommands);
    if (commands.isEmpty() || commands.size() > 16) {
      throw new IllegalArgumentException("cellCommands: " + commands.size() + " cells, expected 1..16");
    }
    if (new HashSet<>(commands).size() != commands.size()) {
      throw new IllegalArgumentException("cellCommands: repeated command in " + commands);
    }
    for (int command : commands) {
      if (command < 0 || command > 0xFF) {
        throw new IllegalArgumentException("cellCommands: command " + command + " outside 0x00..0xFF");
      }
    }
    this.cellCommands = commands;
  }

  public List<Integer> cellCommands() {
    return cellCommands;
  }

  @Override
  protected void readExtensions(SbsPoll poll) {
    readCells(poll);
    poll.word(STATE_OF_HEALTH, BMS_STATE_OF_HEALTH_CPCT).ifPresent(raw -> {
      int percent = raw & 0xFF;
      if (percent > 100) {
        poll.reject(BMS_STATE_OF_HEALTH_CPCT, "StateOfHealth " + percent + " % above 100 %");
      } else {
        poll.bmsStateOfHealthCpct(percent * 100L);
      }
    });
  }

  private void readCells(SbsPoll poll) {
    List<Long> cells = new ArrayList<>(cellCommands.size());
    boolean complete = true;
    for (int i = 0; i < cellCommands.size(); i++) {
      int command = cellCommands.get(i);
      Optional<Integer> mv = poll.word(command, CELL_VOLTAGES_MV);
      if (mv.isEmpty()) {
        complete = false;
      } else if (mv.get() > MAX_CELL_MV) {
        poll.reject(CELL_VOLTAGES_MV, String.format("cell %d (0x%02X) reads %d mV", i + 1, command, mv.get()));
        complete = false;
      } else {
        cells.add((long) mv.get());
      }
    }
    if (complete) {
      poll.cellVoltagesMv(cells);
    }
  }
}

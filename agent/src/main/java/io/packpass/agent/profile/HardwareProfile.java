package io.packpass.agent.profile;

import io.packpass.core.passport.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One physical setup as data (board + BMS protocol + bus + pack), as documented in
 * {@code hw-profiles/README.md}. Built only by {@link ProfileLoader}, which validates every key; the
 * compact constructors here only guard against nulls and mismatched parts.
 *
 * @param id profile id, equal to the file name without {@code .yaml}
 * @param description one line for humans
 * @param board the computer the agent runs on
 * @param protocol which BMS driver reads the pack
 * @param bus transport and its parameters
 * @param poll how often to read
 * @param pack nominal values of the pack, the agent's authoritative copy
 * @param sbs SBS overrides (only with {@link Protocol#BQ40Z50_SMBUS})
 * @param pylontech Pylontech options (only with {@link Protocol#PYLONTECH_CAN})
 * @param label reserved for the labels issue; parsed and kept, not used yet
 * @param simulation the physics-model scenario (only, and always, with {@code bus.fixture: model})
 */
public record HardwareProfile(String id, String description, Board board, Protocol protocol, Bus bus, Poll poll,
    Pack pack, Optional<Sbs> sbs, Optional<Pylontech> pylontech, Optional<Label> label,
    Optional<Simulation> simulation) {

  public HardwareProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(sbs, "sbs");
    Objects.requireNonNull(pylontech, "pylontech");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(simulation, "simulation");
  }

  /** Whether this profile runs against a simulator rather than hardware. */
  public boolean isSimulated() {
    return board == Board.SIM;
  }

  /** The computer the agent runs on. */
  public enum Board {
    RPI4("rpi4"), RPI5("rpi5"), GENERIC("generic"), SIM("sim");

    private final String key;

    Board(String key) {
      this.key = key;
    }

    /** The spelling in the YAML file. */
    public String key() {
      return key;
    }
  }

  /** The BMS protocol, which picks the driver. */
  public enum Protocol {
    SBS_SMBUS("sbs-smbus", "i2c"),
    BQ40Z50_SMBUS("bq40z50-smbus", "i2c"),
    JBD_UART("jbd-uart", "serial"),
    PYLONTECH_CAN("pylontech-can", "socketcan"),
    /** A simulated pack's BMS read directly (no wire format), for packs no bundled protocol can carry. */
    SIM_MODEL("sim-model", "sim");

    private final String key;
    private final String hardwareBusType;

    Protocol(String key, String hardwareBusType) {
      this.key = key;
      this.hardwareBusType = hardwareBusType;
    }

    /** The spelling in the YAML file. */
    public String key() {
      return key;
    }

    /** The {@code bus.type} this protocol runs over on real hardware. */
    public String hardwareBusType() {
      return hardwareBusType;
    }
  }

  /** Transport and its parameters; {@code bus.type} picks the variant. */
  public sealed interface Bus permits I2c, Serial, SocketCan, Sim {
    /** The spelling of {@code bus.type}. */
    String type();
  }

  /** Whether to use SMBus packet error codes. */
  public enum PecMode {
    /** Use PEC when SpecificationInfo (0x1A) says the device supports it. */
    AUTO,
    ON,
    OFF
  }

  /**
   * I2C / SMBus.
   *
   * @param bus Linux bus number ({@code /dev/i2c-N})
   * @param address 7-bit device address
   * @param pec packet error code use
   * @param clockHz bus clock the board is set up for (documentation for the adapter; the Pi sets it in config.txt)
   */
  public record I2c(int bus, int address, PecMode pec, int clockHz) implements Bus {
    public I2c {
      Objects.requireNonNull(pec, "pec");
    }

    @Override
    public String type() {
      return "i2c";
    }
  }

  /**
   * A UART, 8N1.
   *
   * @param device device path, e.g. {@code /dev/ttyUSB0}
   * @param baud bit rate
   * @param timeout how long to wait for a complete answer
   */
  public record Serial(String device, int baud, Duration timeout) implements Bus {
    public Serial {
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String type() {
      return "serial";
    }
  }

  /**
   * Linux SocketCAN.
   *
   * @param iface interface name ({@code interface} in YAML), e.g. {@code can0}
   * @param bitrate bit rate the interface is brought up with
   */
  public record SocketCan(String iface, int bitrate) implements Bus {
    public SocketCan {
      Objects.requireNonNull(iface, "iface");
    }

    @Override
    public String type() {
      return "socketcan";
    }
  }

  /**
   * A simulator in place of the bus.
   *
   * @param fixture which simulator state: {@code sbs-4s}, {@code jbd-4s-lfp},
   *     {@code candump:<path>} (a candump log among the bundled profile resources) or {@code model} (the
   *     physics pack model, described by the profile's {@code simulation} section)
   */
  public record Sim(String fixture) implements Bus {
    public Sim {
      Objects.requireNonNull(fixture, "fixture");
    }

    @Override
    public String type() {
      return "sim";
    }
  }

  /** @param interval time between two reads */
  public record Poll(Duration interval) {
    public Poll {
      Objects.requireNonNull(interval, "interval");
    }
  }

  /**
   * Nominal values of the pack.
   *
   * @param chemistry e.g. {@code LFP}, {@code NMC}, {@code LION}
   * @param seriesCells cells (groups) in series
   * @param parallelCells cells in parallel per group
   * @param designCapacityAh rated capacity
   * @param nominalVoltageV rated voltage
   * @param category the regulation's battery category, when the profile says (SOCE is an EV value)
   */
  public record Pack(String chemistry, int seriesCells, int parallelCells, double designCapacityAh,
      double nominalVoltageV, Optional<Category> category) {
    public Pack {
      Objects.requireNonNull(chemistry, "chemistry");
      Objects.requireNonNull(category, "category");
    }
  }

  /** @param cellVoltageCommands SMBus commands of Cell1..CellN, cell 1 first */
  public record Sbs(List<Integer> cellVoltageCommands) {
    public Sbs {
      cellVoltageCommands = List.copyOf(cellVoltageCommands);
    }
  }

  /** Which generation of the Pylontech CAN protocol. */
  public enum PylontechVariant {
    V1_2("v1.2"), V1_3("v1.3");

    private final String key;

    PylontechVariant(String key) {
      this.key = key;
    }

    /** The spelling in the YAML file. */
    public String key() {
      return key;
    }
  }

  /** @param variant protocol generation */
  public record Pylontech(PylontechVariant variant) {
    public Pylontech {
      Objects.requireNonNull(variant, "variant");
    }
  }

  /** Reserved for the labels issue: {@code printer} is kept as written, not interpreted yet. */
  public record Label(Optional<String> printer) {
    public Label {
      Objects.requireNonNull(printer, "printer");
    }
  }

  /** How a simulated pack is used ({@code simulation.usage}); see {@code agent.bus.sim.pack}. */
  public enum SimUsage {
    EV_COMMUTE("ev-commute"), EBIKE("ebike"), STATIONARY_PV("stationary-pv"), IDLE("idle");

    private final String key;

    SimUsage(String key) {
      this.key = key;
    }

    /** The spelling in the YAML file. */
    public String key() {
      return key;
    }
  }

  /** Faults that can be injected into a simulated pack ({@code simulation.events[].event}). */
  public enum SimEventKind {
    DEEP_DISCHARGE("deep-discharge"), OVER_TEMPERATURE("over-temperature"), CELL_IMBALANCE("cell-imbalance"),
    BMS_SOH_STUCK("bms-soh-stuck"), BMS_SOH_JUMP("bms-soh-jump");

    private final String key;

    SimEventKind(String key) {
      this.key = key;
    }

    /** The spelling in the YAML file. */
    public String key() {
      return key;
    }
  }

  /**
   * One scheduled fault. Optional values not given take the simulator's defaults.
   *
   * @param at when, after the simulation start
   * @param kind what happens
   * @param duration how long (deep-discharge: how long the drained pack is left; over-temperature)
   * @param cell cell number, 1-based (cell-imbalance)
   * @param ambientC ambient during the episode, °C (over-temperature)
   * @param capacityLossPercent capacity the weak cell loses, % (cell-imbalance)
   * @param sohPoints how far the BMS SOH jumps, signed points (bms-soh-jump)
   */
  public record SimEvent(Duration at, SimEventKind kind, Optional<Duration> duration, Optional<Integer> cell,
      Optional<Double> ambientC, Optional<Double> capacityLossPercent, Optional<Double> sohPoints) {
    public SimEvent {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(cell, "cell");
      Objects.requireNonNull(ambientC, "ambientC");
      Objects.requireNonNull(capacityLossPercent, "capacityLossPercent");
      Objects.requireNonNull(sohPoints, "sohPoints");
    }
  }

  /**
   * The scenario of a physics-model simulator ({@code bus.fixture: model}).
   *
   * @param usage drive/charge pattern
   * @param ambientC ambient temperature, °C
   * @param start simulated start instant; empty: the agent's clock when the driver is built
   * @param startSocPercent every cell's SoC at the start, %
   * @param seed seed of the BMS's measurement noise
   * @param ageDays calendar age at the start, days (stored at the ambient and 60 % SoC)
   * @param cycles equivalent full cycles done before the start (also the BMS cycle counter's start)
   * @param temperatureSensors how many temperature sensors the BMS reports
   * @param groupResistanceMilliohm DC resistance of one cell group when new at 25 °C; empty: 75 mΩ·Ah / capacity
   * @param events scheduled faults
   */
  public record Simulation(SimUsage usage, double ambientC, Optional<Instant> start, double startSocPercent,
      long seed, double ageDays, double cycles, int temperatureSensors, Optional<Double> groupResistanceMilliohm,
      List<SimEvent> events) {
    public Simulation {
      Objects.requireNonNull(usage, "usage");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(groupResistanceMilliohm, "groupResistanceMilliohm");
      events = List.copyOf(events);
    }
  }
}

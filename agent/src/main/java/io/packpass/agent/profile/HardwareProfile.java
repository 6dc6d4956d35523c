package io.packpass.agent.profile;

import java.time.Duration;
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
 */
public record HardwareProfile(String id, String description, Board board, Protocol protocol, Bus bus, Poll poll,
    Pack pack, Optional<Sbs> sbs, Optional<Pylontech> pylontech, Optional<Label> label) {

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
    PYLONTECH_CAN("pylontech-can", "socketcan");

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
   * @param fixture which simulator state: {@code sbs-4s}, {@code jbd-4s-lfp} or
   *     {@code candump:<path>} (a candump log among the bundled profile resources)
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
   */
  public record Pack(String chemistry, int seriesCells, int parallelCells, double designCapacityAh,
      double nominalVoltageV) {
    public Pack {
      Objects.requireNonNull(chemistry, "chemistry");
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
}

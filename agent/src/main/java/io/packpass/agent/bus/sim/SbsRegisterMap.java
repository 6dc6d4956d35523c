package io.packpass.agent.bus.sim;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.Pec;
import io.packpass.agent.bus.SmbusDevice;
import io.packpass.agent.bus.SmbusWire;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Smart Battery as a register map: settable word and block registers, read as often as wanted
 * (unlike Pi4J's {@code MockI2C}, whose reads consume). Every read builds the bytes a gauge would
 * put on the wire (little-endian word or count + data, then PEC when enabled) and decodes them with
 * {@link SmbusWire}, the same check a real adapter runs. A command with no register NACKs, as an
 * unsupported command does on a real gauge. Faults can be injected per command or everywhere.
 * Thread-safe.
 */
public final class SbsRegisterMap implements SmbusDevice {

  /** What goes wrong on the wire when a faulty command is read. */
  public enum Fault {
    /** The device does not acknowledge. */
    NACK,
    /** The device holds the bus (clock stretching) until the host gives up; reported at once. */
    TIMEOUT,
    /** The PEC byte is corrupted; detected only when PEC is on, as on a real bus. */
    BAD_PEC,
    /** The last byte is lost: a word arrives as one byte, a block one byte short of its count. */
    TRUNCATED
  }

  private final int address;
  private final Map<Integer, Integer> words = new HashMap<>();
  private final Map<Integer, byte[]> blocks = new HashMap<>();
  private final Map<Integer, Fault> faults = new HashMap<>();
  private final Map<Fault, Boolean> everywhere = new EnumMap<>(Fault.class);
  private boolean pec;

  /** An empty map at the Smart Battery address 0x0B, without PEC. */
  public SbsRegisterMap() {
    this(SMART_BATTERY_ADDRESS);
  }

  /** An empty map at {@code address} (7-bit), without PEC. */
  public SbsRegisterMap(int address) {
    if (address < 0x03 || address > 0x77) {
      throw new IllegalArgumentException(String.format("7-bit address 0x%02X outside 0x03..0x77", address));
    }
    this.address = address;
  }

  /**
   * The complete fixture of packbus.md §1.9: a 4S Li-ion bq40z50 pack, 4400 mAh design, 4180 mAh
   * full-charge capacity (SOH 95 %), 15.400 V, -1250 mA, 25.0 °C, 187 cycles, made 2023-06-15.
   * Without PEC; call {@link #pec(boolean)} to turn it on.
   */
  public static SbsRegisterMap fixture4s() {
    return new SbsRegisterMap()
        .word(0x03, 0x0000) // BatteryMode: CAPACITY_MODE 0 (mAh)
        .word(0x08, 2981) // Temperature, 0.1 K (25.0 °C)
        .word(0x09, 15400) // Voltage, mV
        .word(0x0A, -1250 & 0xFFFF) // Current, mA, signed
        .word(0x0B, -1200 & 0xFFFF) // AverageCurrent, mA, signed
        .word(0x0D, 62) // RelativeStateOfCharge, %
        .word(0x0E, 59) // AbsoluteStateOfCharge, %
        .word(0x0F, 2592) // RemainingCapacity, mAh
        .word(0x10, 4180) // FullChargeCapacity, mAh
        .word(0x16, 0x00C0) // BatteryStatus: INITIALIZED + DISCHARGING, error code OK
        .word(0x17, 187) // CycleCount
        .word(0x18, 4400) // DesignCapacity, mAh
        .word(0x19, 14400) // DesignVoltage, mV
        .word(0x1A, 0x0031) // SpecificationInfo: v1.1 + PEC, rev 1, VScale 0, IPScale 0
        .word(0x1B, 0x56CF) // ManufactureDate 2023-06-15
        .word(0x1C, 0x1234) // SerialNumber 4660
        .word(0x3C, 3849) // bq40z50 CellVoltage4
        .word(0x3D, 3851) // bq40z50 CellVoltage3
        .word(0x3E, 3850) // bq40z50 CellVoltage2
        .word(0x3F, 3850) // bq40z50 CellVoltage1
        .word(0x4F, 0x5E5F) // bq40z50 StateOfHealth: 95 % capacity (lo), 94 % energy (hi)
        .string(0x20, "Texas Inst") // ManufacturerName
        .string(0x21, "bq40z50") // DeviceName
        .string(0x22, "LION"); // DeviceChemistry
  }

  public int address() {
    return address;
  }

  /** Sets word register {@code command} to {@code value} (0..0xFFFF; mask signed values with 0xFFFF). */
  public synchronized SbsRegisterMap word(int command, int value) {
    checkCommand(command);
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(String.format("word 0x%02X: value %d outside 0..0xFFFF", command, value));
    }
    blocks.remove(command);
    words.put(command, value);
    return this;
  }

  /** Sets block register {@code command} to {@code data} (copied; at most 32 bytes). */
  public synchronized SbsRegisterMap block(int command, byte[] data) {
    checkCommand(command);
    if (data.length > SmbusWire.BLOCK_MAX) {
      throw new IllegalArgumentException(
          String.format("block 0x%02X: %d bytes, SMBus allows %d", command, data.length, SmbusWire.BLOCK_MAX));
    }
    words.remove(command);
    blocks.put(command, data.clone());
    return this;
  }

  /** Sets block register {@code command} to the ASCII bytes of {@code text}. */
  public SbsRegisterMap string(int command, String text) {
    return block(command, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Removes register {@code command}, which then NACKs like an unsupported command. */
  public synchronized SbsRegisterMap remove(int command) {
    words.remove(command);
    blocks.remove(command);
    return this;
  }

  /** Turns PEC on or off: with PEC every answer carries a PEC byte and every read checks it. */
  public synchronized SbsRegisterMap pec(boolean on) {
    this.pec = on;
    return this;
  }

  /** Makes every read of {@code command} fail with {@code fault} until {@link #clearFaults()}. */
  public synchronized SbsRegisterMap fault(int command, Fault fault) {
    checkCommand(command);
    faults.put(command, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Makes every read of every command fail with {@code fault}: a pack that answers nothing. */
  public synchronized SbsRegisterMap faultEverywhere(Fault fault) {
    everywhere.put(Objects.requireNonNull(fault, "fault"), Boolean.TRUE);
    return this;
  }

  public synchronized SbsRegisterMap clearFaults() {
    faults.clear();
    everywhere.clear();
    return this;
  }

  /**
   * The bytes the device puts on the wire for a Read Word of {@code command} after the read
   * address: {@code LO HI [PEC]}, faults applied; empty when the command has no word register.
   */
  public synchronized Optional<byte[]> wireWord(int command) {
    Integer value = words.get(command);
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(finish(command, new byte[] {(byte) value.intValue(), (byte) (value >>> 8)}));
  }

  /**
   * The bytes the device puts on the wire for a Block Read of {@code command} after the read
   * address: {@code N D1..DN [PEC]}, faults applied; empty when the command has no block register.
   */
  public synchronized Optional<byte[]> wireBlock(int command) {
    byte[] data = blocks.get(command);
    if (data == null) {
      return Optional.empty();
    }
    byte[] frame = new byte[data.length + 1];
    frame[0] = (byte) data.length;
    System.arraycopy(data, 0, frame, 1, data.length);
    return Optional.of(finish(command, frame));
  }

  @Override
  public synchronized int readWord(int command) {
    checkCommand(command);
    failEarly(command, "read word");
    byte[] wire = wireWord(command).orElseThrow(() -> nack(command, "read word"));
    return SmbusWire.word(address, command, wire, pec);
  }

  @Override
  public synchronized byte[] readBlock(int command) {
    checkCommand(command);
    failEarly(command, "block read");
    byte[] wire = wireBlock(command).orElseThrow(() -> nack(command, "block read"));
    return SmbusWire.block(address, command, wire, pec);
  }

  private byte[] finish(int command, byte[] response) {
    byte[] wire = response;
    if (pec) {
      wire = Arrays.copyOf(response, response.length + 1);
      int crc = Pec.ofRead(address, command, response);
      wire[response.length] = (byte) (has(command, Fault.BAD_PEC) ? crc ^ 0xFF : crc);
    }
    if (has(command, Fault.TRUNCATED)) {
      wire = Arrays.copyOf(wire, wire.length - 1 - (pec ? 1 : 0));
    }
    return wire;
  }

  private void failEarly(int command, String operation) {
    if (has(command, Fault.NACK)) {
      throw nack(command, operation);
    }
    if (has(command, Fault.TIMEOUT)) {
      throw new BusException(BusException.Kind.TIMEOUT,
          String.format("%s 0x%02X at 0x%02X: no answer (simulated timeout)", operation, command, address));
    }
  }

  private boolean has(int command, Fault fault) {
    return faults.get(command) == fault || everywhere.containsKey(fault);
  }

  private BusException nack(int command, String operation) {
    return new BusException(BusException.Kind.NACK,
        String.format("%s 0x%02X at 0x%02X: not acknowledged", operation, command, address));
  }

  private static void checkCommand(int command) {
    if (command < 0 || command > 0xFF) {
      throw new IllegalArgumentException("command " + command + " outside 0x00..0xFF");
    }
  }
}

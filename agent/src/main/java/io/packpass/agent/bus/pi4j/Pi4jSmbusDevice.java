package io.packpass.agent.bus.pi4j;

import com.pi4j.io.i2c.I2C;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.SmbusDevice;
import io.packpass.agent.bus.SmbusWire;
import java.util.Arrays;
import java.util.Objects;

/**
 * An SMBus device read through a Pi4J 2.x {@link I2C} (the {@code linuxfs-i2c} provider on a Pi,
 * {@code mock-i2c} in tests). Every read is one {@code readRegister(cmd, buf, 0, n)}: on linuxfs that
 * is one {@code I2C_RDWR} transaction, a write of the command and a read after a repeated start,
 * which is exactly SMBus Read Word / Block Read (packbus.md §1.1).
 *
 * <p>Words are assembled <b>little-endian</b> by {@link SmbusWire}; Pi4J's {@code readRegisterWord}
 * is big-endian and is never used (packbus.md §0.1). A block is read at its largest size (count byte,
 * 32 data bytes, PEC) because the Pi's I2C adapter has no true SMBus Block Read; the count byte then
 * says how much of it is real, and {@link SmbusWire} rejects a count above 32 or a read shorter than
 * the count says (MALFORMED). With PEC on, the byte after the data is checked against the CRC-8 over
 * address+W, command, address+R and the data ({@link io.packpass.agent.bus.Pec}); a mismatch is BAD_PEC.
 *
 * <p>Pi4J failures become {@link BusException}s (see {@link Pi4jErrors}); callers never see a Pi4J type.
 */
public final class Pi4jSmbusDevice implements SmbusDevice {
  private final I2C i2c;
  private final int address;
  private final boolean pec;

  /**
   * @param i2c an open device; its {@code device()} is the 7-bit address used for the PEC
   * @param pec whether the device appends a PEC byte that must be checked
   */
  public Pi4jSmbusDevice(I2C i2c, boolean pec) {
    this.i2c = Objects.requireNonNull(i2c, "i2c");
    this.address = i2c.device();
    this.pec = pec;
  }

  /** The same device read with PEC on or off (for PEC auto-detection after reading SpecificationInfo). */
  public Pi4jSmbusDevice withPec(boolean on) {
    return on == pec ? this : new Pi4jSmbusDevice(i2c, on);
  }

  /** Whether reads expect and check a PEC byte. */
  public boolean pec() {
    return pec;
  }

  @Override
  public int readWord(int command) {
    byte[] buffer = new byte[pec ? 3 : 2];
    int n = read(command, buffer, "read word");
    return SmbusWire.word(address, command, Arrays.copyOf(buffer, n), pec);
  }

  @Override
  public byte[] readBlock(int command) {
    byte[] buffer = new byte[1 + SmbusWire.BLOCK_MAX + (pec ? 1 : 0)];
    int n = read(command, buffer, "block read");
    int count = buffer[0] & 0xFF;
    // The padding after count + data (+ PEC) is whatever the gauge clocks out; it is not part of the answer.
    int expected = 1 + count + (pec ? 1 : 0);
    return SmbusWire.block(address, command, Arrays.copyOf(buffer, Math.min(n, expected)), pec);
  }

  private int read(int command, byte[] buffer, String operation) {
    if (command < 0 || command > 0xFF) {
      throw new IllegalArgumentException("command " + command + " outside 0x00..0xFF");
    }
    String what = String.format("%s 0x%02X at 0x%02X on /dev/i2c-%d", operation, command, address, i2c.bus());
    int n;
    try {
      n = i2c.readRegister(command, buffer, 0, buffer.length);
    } catch (RuntimeException e) {
      throw Pi4jErrors.toBusException(what, e);
    }
    if (n <= 0) {
      throw new BusException(BusException.Kind.NACK, what + ": no data (the device did not answer)");
    }
    return n;
  }

  @Override
  public String toString() {
    return String.format("Pi4J SMBus device 0x%02X on /dev/i2c-%d%s", address, i2c.bus(), pec ? " with PEC" : "");
  }
}

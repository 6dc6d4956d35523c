package io.packpass.agent.bus;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Decodes the bytes an SMBus device sent after the repeated-start read address into a word or a
 * block, checking length and (optionally) PEC. Shared by the simulator and the real adapters so
 * both validate the wire the same way.
 */
public final class SmbusWire {

  /** SMBus 2.0 block limit (Linux {@code I2C_SMBUS_BLOCK_MAX}). */
  public static final int BLOCK_MAX = 32;

  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private SmbusWire() {
  }

  /**
   * A Read Word answer: {@code LO HI [PEC]}.
   *
   * @return the unsigned little-endian word
   * @throws BusException MALFORMED on a wrong length, BAD_PEC on a PEC mismatch
   */
  public static int word(int address, int command, byte[] wire, boolean pec) {
    int expected = pec ? 3 : 2;
    if (wire.length != expected) {
      throw new BusException(BusException.Kind.MALFORMED, String.format(
          "read word 0x%02X at 0x%02X: %d bytes, expected %d [%s]", command, address, wire.length, expected,
          HEX.formatHex(wire)));
    }
    if (pec) {
      checkPec(address, command, wire, 2);
    }
    return (wire[0] & 0xFF) | (wire[1] & 0xFF) << 8;
  }

  /**
   * A Block Read answer: {@code N D1..DN [PEC]}.
   *
   * @return the N data bytes
   * @throws BusException MALFORMED when N is above 32 or fewer/more bytes arrived than N says,
   *     BAD_PEC on a PEC mismatch
   */
  public static byte[] block(int address, int command, byte[] wire, boolean pec) {
    if (wire.length == 0) {
      throw new BusException(BusException.Kind.MALFORMED,
          String.format("block read 0x%02X at 0x%02X: no count byte", command, address));
    }
    int count = wire[0] & 0xFF;
    if (count > BLOCK_MAX) {
      throw new BusException(BusException.Kind.MALFORMED, String.format(
          "block read 0x%02X at 0x%02X: count %d above the SMBus limit of %d", command, address, count, BLOCK_MAX));
    }
    int expected = 1 + count + (pec ? 1 : 0);
    if (wire.length != expected) {
      throw new BusException(BusException.Kind.MALFORMED, String.format(
          "block read 0x%02X at 0x%02X: count %d but %d bytes arrived, expected %d [%s]", command, address, count,
          wire.length, expected, HEX.formatHex(wire)));
    }
    if (pec) {
      checkPec(address, command, wire, 1 + count);
    }
    return Arrays.copyOfRange(wire, 1, 1 + count);
  }

  private static void checkPec(int address, int command, byte[] wire, int dataLength) {
    int computed = Pec.ofRead(address, command, Arrays.copyOf(wire, dataLength));
    int received = wire[dataLength] & 0xFF;
    if (computed != received) {
      throw new BusException(BusException.Kind.BAD_PEC, String.format(
          "command 0x%02X at 0x%02X: PEC 0x%02X received, 0x%02X computed", command, address, received, computed));
    }
  }
}

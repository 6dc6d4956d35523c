package io.packpass.agent.bus;

/**
 * SMBus Packet Error Code: CRC-8 with polynomial x^8+x^2+x+1 (0x07), init 0, no reflection, no
 * final XOR (packbus.md §1.2). The CRC covers every byte on the wire, address bytes included.
 */
public final class Pec {

  private Pec() {
  }

  /** CRC-8/SMBUS of {@code bytes}. */
  public static int crc8(byte... bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc = update(crc, b & 0xFF);
    }
    return crc;
  }

  /** Feeds one byte into a running CRC. */
  public static int update(int crc, int b) {
    crc = (crc ^ b) & 0xFF;
    for (int bit = 0; bit < 8; bit++) {
      crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
    }
    return crc;
  }

  /**
   * PEC of a read transaction (Read Word or Block Read): write address, command, read address, then
   * the bytes the device sent (for a block: count first, then data).
   *
   * @param address 7-bit device address
   * @param command command code
   * @param response the device's bytes after the read address, PEC excluded
   */
  public static int ofRead(int address, int command, byte[] response) {
    int crc = update(0, (address << 1) & 0xFF);
    crc = update(crc, command & 0xFF);
    crc = update(crc, ((address << 1) | 1) & 0xFF);
    for (byte b : response) {
      crc = update(crc, b & 0xFF);
    }
    return crc;
  }
}

package io.packpass.agent.bus;

/**
 * One SMBus (SBS) device at a fixed address: the port the SBS drivers read through. Words are
 * assembled <b>little-endian</b> (low byte first on the wire), unlike Pi4J's
 * {@code readRegisterWord()}. An implementation that runs with PEC checks it and throws
 * {@link BusException.Kind#BAD_PEC} on a mismatch; callers never see PEC bytes.
 */
public interface SmbusDevice {

  /** The Smart Battery's 7-bit address (SBS 1.1). */
  int SMART_BATTERY_ADDRESS = 0x0B;

  /**
   * SMBus Read Word.
   *
   * @param command the command code, 0x00..0xFF
   * @return the word as an unsigned value 0..0xFFFF (cast to {@code short} for signed commands)
   * @throws BusException NACK, TIMEOUT, BAD_PEC, ACCESS
   */
  int readWord(int command);

  /**
   * SMBus Block Read: the device sends a byte count first, then that many data bytes.
   *
   * @param command the command code, 0x00..0xFF
   * @return the data bytes, without count or PEC (a fresh array)
   * @throws BusException NACK, TIMEOUT, BAD_PEC, MALFORMED (count above 32 or fewer bytes than it says), ACCESS
   */
  byte[] readBlock(int command);
}

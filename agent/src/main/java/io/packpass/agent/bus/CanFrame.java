package io.packpass.agent.bus;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One classical CAN 2.0 data frame: an identifier and 0–8 data bytes. Immutable: the array is copied
 * in and out. {@code extended} tells a 29-bit identifier from an 11-bit one (packbus.md §5.1: use the
 * flag, not the identifier's magnitude); remote, error and FD frames are not represented.
 *
 * @param id the identifier, at most 0x7FF (standard) or 0x1FFFFFFF (extended)
 * @param extended whether {@code id} is a 29-bit identifier
 * @param data the payload, 0 to 8 bytes
 */
public record CanFrame(int id, boolean extended, byte[] data) {
  public static final int MAX_STANDARD_ID = 0x7FF;
  public static final int MAX_EXTENDED_ID = 0x1FFF_FFFF;
  public static final int MAX_DATA_LENGTH = 8;

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  public CanFrame {
    int max = extended ? MAX_EXTENDED_ID : MAX_STANDARD_ID;
    if (id < 0 || id > max) {
      throw new IllegalArgumentException(String.format("CAN id 0x%X out of range for a %s frame", id,
          extended ? "29-bit" : "11-bit"));
    }
    if (data.length > MAX_DATA_LENGTH) {
      throw new IllegalArgumentException("CAN frame data has " + data.length + " bytes, at most 8 allowed");
    }
    data = data.clone();
  }

  /** A frame whose id decides its format: standard up to 0x7FF, extended above. */
  public CanFrame(int id, byte[] data) {
    this(id, id > MAX_STANDARD_ID, data);
  }

  /** A standard (11-bit) frame. */
  public static CanFrame standard(int id, byte... data) {
    return new CanFrame(id, false, data);
  }

  /** An extended (29-bit) frame. */
  public static CanFrame extended(int id, byte... data) {
    return new CanFrame(id, true, data);
  }

  /** A copy of the payload. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The number of data bytes (the DLC of a classical frame). */
  public int length() {
    return data.length;
  }

  /** Data byte {@code index} as an unsigned value. */
  public int u8(int index) {
    return data[index] & 0xFF;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanFrame f && f.id == id && f.extended == extended && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * id + Boolean.hashCode(extended)) + Arrays.hashCode(data);
  }

  /** candump style (packbus.md §5.4): {@code 355#58005E00}, {@code 18FF50E5#03D4}. */
  @Override
  public String toString() {
    return String.format(extended ? "%08X#" : "%03X#", id) + HEX.formatHex(data);
  }
}

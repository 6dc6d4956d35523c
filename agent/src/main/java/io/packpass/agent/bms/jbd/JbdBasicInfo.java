package io.packpass.agent.bms.jbd;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of command 0x03 in the units the BMS sends (packbus.md §2.3, all fields big-endian).
 * Conversion to PackPass units happens in {@link JbdDriver}.
 *
 * @param voltage10mV total voltage, 10 mV
 * @param current10mA current, 10 mA, signed, + = charging
 * @param remaining10mAh residual capacity, 10 mAh
 * @param nominal10mAh nominal (design) capacity, 10 mAh
 * @param cycles cycle count
 * @param productionDate packed date: day = v &amp; 0x1F, month = (v &gt;&gt; 5) &amp; 0x0F, year = 2000 + (v &gt;&gt; 9)
 * @param balanceBits balance status, bit 0 = cell 1 (low word) … bit 31 = cell 32 (high word)
 * @param protection protection status bitmap (§2.4)
 * @param version software version byte, 0x21 = 2.1
 * @param rsocPercent relative state of charge, %
 * @param fetStatus bit 0 = charge MOS on, bit 1 = discharge MOS on
 * @param cellCount cells in series
 * @param temperaturesDeciKelvin NTC temperatures, 0.1 K
 */
public record JbdBasicInfo(int voltage10mV, int current10mA, int remaining10mAh, int nominal10mAh, int cycles,
    int productionDate, long balanceBits, int protection, int version, int rsocPercent, int fetStatus,
    int cellCount, List<Integer> temperaturesDeciKelvin) {

  /** Payload bytes before the NTC temperatures. */
  public static final int FIXED_LENGTH = 23;

  public JbdBasicInfo {
    temperaturesDeciKelvin = List.copyOf(temperaturesDeciKelvin);
  }

  /**
   * Parses a 0x03 payload. Bytes after the last NTC (newer firmware) are ignored.
   *
   * @throws BusException MALFORMED if the payload is shorter than 23 bytes plus 2 per announced NTC
   */
  public static JbdBasicInfo parse(byte[] p) {
    if (p.length < FIXED_LENGTH) {
      throw new BusException(Kind.MALFORMED, "JBD 0x03 payload has " + p.length + " bytes, at least 23 expected");
    }
    int ntcs = u8(p, 22);
    if (p.length < FIXED_LENGTH + 2 * ntcs) {
      throw new BusException(Kind.MALFORMED, "JBD 0x03 payload byte 22 announces " + ntcs + " NTCs, so "
          + (FIXED_LENGTH + 2 * ntcs) + " bytes, but has " + p.length);
    }
    List<Integer> temps = new ArrayList<>(ntcs);
    for (int i = 0; i < ntcs; i++) {
      temps.add(u16(p, FIXED_LENGTH + 2 * i));
    }
    long balance = ((long) u16(p, 14) << 16) | u16(p, 12);
    return new JbdBasicInfo(u16(p, 0), (short) u16(p, 2), u16(p, 4), u16(p, 6), u16(p, 8), u16(p, 10), balance,
        u16(p, 16), u8(p, 18), u8(p, 19), u8(p, 20), u8(p, 21), temps);
  }

  static int u8(byte[] p, int offset) {
    return p[offset] & 0xFF;
  }

  static int u16(byte[] p, int offset) {
    return ((p[offset] & 0xFF) << 8) | (p[offset + 1] & 0xFF);
  }
}

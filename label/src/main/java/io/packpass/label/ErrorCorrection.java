package io.packpass.label;

import java.util.Locale;

/**
 * QR error correction level (ISO/IEC 18004): the share of codewords that may be lost. Labels default
 * to {@link #Q}, the usual choice for industrial marking that must survive dirt and scratches over a
 * pack's life; {@link #H} where a label is expected to wear badly.
 */
public enum ErrorCorrection {
  L, M, Q, H;

  public static ErrorCorrection parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new LabelException("unknown QR error correction '" + text + "'; expected L, M, Q or H");
    }
  }
}

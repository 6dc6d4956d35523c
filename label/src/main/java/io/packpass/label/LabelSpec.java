package io.packpass.label;

import java.util.Objects;

/**
 * How a label is made: stock, printer resolution and QR error correction.
 *
 * @param dpi dots per inch of the printer (203 and 300 are the common thermal heads), 100 to 600
 */
public record LabelSpec(Layout layout, int dpi, ErrorCorrection errorCorrection) {
  public static final int MIN_DPI = 100;
  public static final int MAX_DPI = 600;

  public LabelSpec {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(errorCorrection, "errorCorrection");
    if (dpi < MIN_DPI || dpi > MAX_DPI) {
      throw new LabelException("dpi must be " + MIN_DPI + " to " + MAX_DPI + ", got " + dpi);
    }
  }

  public static LabelSpec of(Layout layout, int dpi) {
    return new LabelSpec(layout, dpi, ErrorCorrection.Q);
  }

  /** Dots per millimetre. */
  public double dotsPerMm() {
    return dpi / 25.4;
  }

  public int dots(double mm) {
    return (int) Math.round(mm * dotsPerMm());
  }
}

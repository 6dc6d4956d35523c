package io.packpass.label;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Label stock PackPass lays out for, in millimetres. Left: the QR code in a square the height of the
 * label (less the margins), its 4-module quiet zone inside that square. Right: the Annex VI Part A
 * text, set as large as it fits between {@code maxTextMm} and {@code minTextMm}, and the
 * separate-collection symbol (with Cd / Pb beneath it when they apply) in the bottom-right corner.
 */
public enum Layout {
  /** 100 x 50 mm (4 x 2 in), the common industrial battery label. */
  L100X50("100x50", 100, 50, 2.0, 2.0, 2.6, 1.4, 9.0, 1.3),
  /** 50 x 30 mm, for small packs (e-bike, tool batteries). */
  L50X30("50x30", 50, 30, 1.0, 0.8, 1.8, 1.0, 6.0, 1.1);

  private final String id;
  final double widthMm;
  final double heightMm;
  final double marginMm;
  final double gapMm;
  final double maxTextMm;
  final double minTextMm;
  final double symbolMm;
  /** The first line (model name) is set this much larger than the rest. */
  final double titleScale;

  Layout(String id, double widthMm, double heightMm, double marginMm, double gapMm, double maxTextMm, double minTextMm,
      double symbolMm, double titleScale) {
    this.id = id;
    this.widthMm = widthMm;
    this.heightMm = heightMm;
    this.marginMm = marginMm;
    this.gapMm = gapMm;
    this.maxTextMm = maxTextMm;
    this.minTextMm = minTextMm;
    this.symbolMm = symbolMm;
    this.titleScale = titleScale;
  }

  public String id() {
    return id;
  }

  public double widthMm() {
    return widthMm;
  }

  public double heightMm() {
    return heightMm;
  }

  /** Side of the square the QR code (with its quiet zone) must fit in. */
  public double qrSquareMm() {
    return heightMm - 2 * marginMm;
  }

  public static Layout parse(String text) {
    return Arrays.stream(values()).filter(l -> l.id.equalsIgnoreCase(text)).findFirst()
        .orElseThrow(() -> new LabelException("unknown label layout '" + text + "'; expected one of "
            + Arrays.stream(values()).map(Layout::id).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return id;
  }
}

package io.packpass.label;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * An encoded QR code: its modules (true = dark), without the quiet zone, which every renderer
 * leaves blank around it ({@link #QUIET_ZONE} modules, ISO/IEC 18004 §6.3.8).
 *
 * @param text what it encodes
 * @param version 1 to 40
 * @param size modules per side, {@code 17 + 4 * version}
 */
public record QrSymbol(String text, int version, ErrorCorrection errorCorrection, int size, BitSet modules) {
  public static final int QUIET_ZONE = 4;

  public QrSymbol {
    Objects.requireNonNull(text, "text");
    if (version < 1 || version > 40 || size != 17 + 4 * version) {
      throw new IllegalArgumentException("QR version " + version + " with " + size + " modules");
    }
    modules = (BitSet) modules.clone();
  }

  public boolean dark(int x, int y) {
    return modules.get(y * size + x);
  }

  /** A horizontal run of dark modules: row {@code y}, columns {@code x} to {@code x + length - 1}. */
  public record Run(int y, int x, int length) {
  }

  /** The dark modules as horizontal runs, row by row: what vector renderers draw as rectangles. */
  public List<Run> runs() {
    List<Run> out = new ArrayList<>();
    for (int y = 0; y < size; y++) {
      int x = 0;
      while (x < size) {
        if (!dark(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < size && dark(x, y)) {
          x++;
        }
        out.add(new Run(y, start, x - start));
      }
    }
    return out;
  }

  /** Modules per side including the quiet zone on both sides. */
  public int sizeWithQuietZone() {
    return size + 2 * QUIET_ZONE;
  }

  @Override
  public BitSet modules() {
    return (BitSet) modules.clone();
  }

  /** Largest version whose symbol (with quiet zone) fits {@code modules} modules per side. */
  public static int largestVersionFor(int modulesWithQuietZone) {
    return Math.min(40, (modulesWithQuietZone - 2 * QUIET_ZONE - 17) / 4);
  }
}

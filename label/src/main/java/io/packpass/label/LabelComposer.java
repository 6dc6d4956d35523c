package io.packpass.label;

import io.packpass.core.label.Hazard;
import io.packpass.label.Drawing.Bar;
import io.packpass.label.Drawing.Dot;
import io.packpass.label.Drawing.Mark;
import io.packpass.label.Drawing.Qr;
import io.packpass.label.Drawing.Stroke;
import io.packpass.label.Drawing.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Lays a {@link LabelContent} out on a {@link Layout} at a printer resolution: the one place that
 * decides sizes and positions, in whole printer dots.
 *
 * <p>QR module size: as large as the square allows, at most {@value #MAX_MODULE_DOTS} dots (ZPL's
 * largest {@code ^BQ} magnification) and at least 0.42 mm rounded up to whole dots (4 dots at 203
 * dpi, 5 at 300: registry-labels.md B2, GS1's 0.396 mm minimum X-dimension plus margin for print
 * gain). A code that would need smaller modules is refused with the limit, never shrunk.
 */
public final class LabelComposer {
  static final double MIN_MODULE_MM = 0.42;
  static final int MAX_MODULE_DOTS = 10;
  /** ZPL's scalable font 0 is not drawn below 10 dots. */
  static final int MIN_TEXT_DOTS = 10;
  /**
   * Average advance of a character in em: Helvetica and ZPL's condensed font 0 stay below it; the
   * PNG, PDF and SVG renderers condense a line whose font runs wider (DejaVu Sans digits, 0.64 em).
   */
  static final double CHAR_WIDTH_EM = 0.56;
  static final double LINE_PITCH = 1.12;

  private final QrEncoder encoder;

  public LabelComposer(QrEncoder encoder) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /**
   * @param mixedModes see {@link QrEncoder#encode}; false for a ZPL {@code ^BQ} code, whose encoding the printer picks
   * @throws QrTooLargeException when the QR code does not fit, {@link LabelException} when the text does not, with the limit
   */
  public Drawing compose(LabelContent content, LabelSpec spec, boolean mixedModes) {
    Layout layout = spec.layout();
    int width = spec.dots(layout.widthMm);
    int height = spec.dots(layout.heightMm);
    int margin = spec.dots(layout.marginMm);
    QrSymbol symbol = encoder.encode(content.qrText(), spec.errorCorrection(), mixedModes);
    int minDots = minModuleDots(spec);
    // The quiet zone is blank label, so it may lie in the margin; the symbol itself stays inside it.
    int maxDots = Math.min(MAX_MODULE_DOTS, Math.min(height / symbol.sizeWithQuietZone(), (height - 2 * margin) / symbol.size()));
    if (maxDots < minDots) {
      int largest = QrSymbol.largestVersionFor(height / minDots);
      throw new QrTooLargeException(String.format(Locale.ROOT,
          "QR code too large for the %s layout at %d dpi: %d characters need version %d (%d modules + quiet zone) at"
              + " error correction %s, which at the minimum %d dots (%.2f mm) per module takes %.1f mm, but the label"
              + " is %.1f mm high: at most version %d fits (%s)",
          layout, spec.dpi(), symbol.text().length(), symbol.version(), symbol.size(), spec.errorCorrection(), minDots,
          minDots / spec.dotsPerMm(), symbol.sizeWithQuietZone() * minDots / spec.dotsPerMm(), layout.heightMm,
          largest, content.signature().isPresent()
              ? "a signed label needs the 100x50 layout, a lower error correction or no signature"
              : "a shorter resolver base or serial, or a larger layout"));
    }
    // Modules as large as possible while the text still fits beside the code.
    LabelException textProblem = null;
    for (int dots = maxDots; dots >= minDots; dots--) {
      List<Mark> marks = new ArrayList<>();
      int side = symbol.size() * dots;
      int qrX = Math.max(margin, QrSymbol.QUIET_ZONE * dots);
      marks.add(new Qr(qrX, (height - side) / 2, dots, symbol));
      int textX = qrX + side + Math.max(QrSymbol.QUIET_ZONE * dots, spec.dots(layout.gapMm));
      try {
        symbols(marks, content, spec, width - margin, height - margin, textX, margin);
        return new Drawing(width, height, spec.dpi(), marks);
      } catch (LabelException e) {
        textProblem = e;
      }
    }
    throw textProblem;
  }

  /** The separate-collection symbol (and Cd / Pb) bottom right, the text beside the code. */
  private static void symbols(List<Mark> marks, LabelContent content, LabelSpec spec, int right, int bottom, int textX,
      int top) {
    Layout layout = spec.layout();
    Set<Hazard> hazards = content.hazards();
    int symbolWidth = spec.dots(layout.symbolMm);
    boolean metalMarks = hazards.contains(Hazard.CADMIUM_MARK) || hazards.contains(Hazard.LEAD_MARK);
    int markHeight = metalMarks ? (int) Math.round(symbolWidth * 0.4) : 0;
    int symbolHeight = (int) Math.round(symbolWidth * 1.15) + markHeight;
    int symbolX = right - symbolWidth;
    int symbolY = bottom - symbolHeight;
    List<Text> text = text(LabelText.paragraphs(content), spec, textX, right, top, bottom, symbolX, symbolY);
    separateCollectionSymbol(marks, symbolX, symbolY, symbolWidth);
    if (metalMarks) {
      String metals = (hazards.contains(Hazard.CADMIUM_MARK) ? "Cd " : "") + (hazards.contains(Hazard.LEAD_MARK) ? "Pb" : "");
      int h = Math.max(MIN_TEXT_DOTS, markHeight - 2);
      marks.add(new Text(symbolX, symbolY + symbolHeight - markHeight, h, symbolWidth, metals.strip()));
    }
    marks.addAll(text);
  }

  static int minModuleDots(LabelSpec spec) {
    return (int) Math.ceil(MIN_MODULE_MM * spec.dotsPerMm() - 1e-9);
  }

  /** The largest text size at which every paragraph fits; the title paragraph is set larger. */
  private static List<Text> text(List<String> paragraphs, LabelSpec spec, int left, int right, int top, int bottom,
      int symbolX, int symbolY) {
    int max = Math.max(MIN_TEXT_DOTS, spec.dots(spec.layout().maxTextMm));
    int min = Math.max(MIN_TEXT_DOTS, spec.dots(spec.layout().minTextMm));
    if (right - left < 10 * min) {
      throw new LabelException("the " + spec.layout() + " layout leaves no room for text beside the QR code");
    }
    for (int h = max; h >= min; h--) {
      List<Text> lines = wrap(paragraphs, h, spec.layout().titleScale, left, right, top, bottom, symbolX, symbolY);
      if (lines != null) {
        return lines;
      }
    }
    int chars = paragraphs.stream().mapToInt(String::length).sum();
    throw new LabelException(String.format(Locale.ROOT, "label text of %d characters does not fit the %s layout at %d"
        + " dpi even at the smallest size (%.1f mm); shorten the model's texts (manufacturer address, substances,"
        + " agents) or use the 100x50 layout", chars, spec.layout(), spec.dpi(), min / spec.dotsPerMm()));
  }

  /** Greedy word wrap at text size {@code h}; null when it runs past the bottom. */
  private static List<Text> wrap(List<String> paragraphs, int h, double titleScale, int left, int right, int top, int bottom, int symbolX,
      int symbolY) {
    List<Text> out = new ArrayList<>();
    int y = top;
    for (int p = 0; p < paragraphs.size(); p++) {
      int size = p == 0 ? (int) Math.round(h * titleScale) : h;
      int pitch = Math.max(size + 1, (int) Math.round(size * LINE_PITCH));
      String rest = paragraphs.get(p).strip();
      while (!rest.isEmpty()) {
        if (y + pitch > bottom) {
          return null;
        }
        int lineRight = y + pitch > symbolY ? symbolX - size / 2 : right;
        int fit = (int) ((lineRight - left) / (size * CHAR_WIDTH_EM));
        if (fit < 4) {
          return null;
        }
        int cut = breakAt(rest, fit);
        out.add(new Text(left, y, size, lineRight - left, rest.substring(0, cut).strip()));
        rest = rest.substring(cut).strip();
        y += pitch;
      }
    }
    return out;
  }

  private static int breakAt(String text, int fit) {
    if (text.length() <= fit) {
      return text.length();
    }
    int space = text.lastIndexOf(' ', fit);
    return space > fit / 3 ? space : fit;
  }

  /**
   * The crossed-out wheeled bin of Annex VI Part B (EN 50419 shape), {@code s} dots wide and 1.15 s
   * high including the bar beneath.
   */
  private static void separateCollectionSymbol(List<Mark> marks, int x, int y, int s) {
    int t = Math.max(2, (int) Math.round(s * 0.06));
    marks.add(new Bar(x + px(s, 0.42), y + px(s, 0.10), px(s, 0.16), Math.max(1, px(s, 0.04)))); // handle
    marks.add(new Bar(x + px(s, 0.18), y + px(s, 0.15), px(s, 0.64), t)); // lid
    marks.add(new Stroke(x + px(s, 0.24), y + px(s, 0.22), x + px(s, 0.31), y + px(s, 0.84), t)); // left wall
    marks.add(new Stroke(x + px(s, 0.76), y + px(s, 0.22), x + px(s, 0.69), y + px(s, 0.84), t)); // right wall
    marks.add(new Bar(x + px(s, 0.31), y + px(s, 0.84) - t / 2, px(s, 0.38), t)); // bottom
    marks.add(new Dot(x + px(s, 0.36), y + px(s, 0.90), Math.max(1, px(s, 0.05)))); // wheel
    marks.add(new Stroke(x + px(s, 0.08), y + px(s, 0.05), x + px(s, 0.92), y + px(s, 0.97), t)); // cross
    marks.add(new Stroke(x + px(s, 0.92), y + px(s, 0.05), x + px(s, 0.08), y + px(s, 0.97), t));
    marks.add(new Bar(x + px(s, 0.08), y + px(s, 1.03), px(s, 0.84), px(s, 0.12))); // bar beneath
  }

  private static int px(int s, double f) {
    return (int) Math.round(s * f);
  }
}

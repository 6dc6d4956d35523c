package io.packpass.label.svg;

import io.packpass.label.Drawing;
import io.packpass.label.QrSymbol;
import io.packpass.label.Renderer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The label as SVG 1.1, sized in millimetres with a viewBox in printer dots. The QR code is one path
 * of whole-module rectangles (one per run of dark modules in a row) drawn with crisp edges.
 */
public final class SvgRenderer implements Renderer {
  /** Advance of DejaVu Sans digits, the widest common case. */
  private static final double WIDE_FONT_EM = 0.64;

  @Override
  public byte[] render(Drawing d) {
    double mmPerDot = 25.4 / d.dpi();
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.2fmm\""
        + " height=\"%.2fmm\" viewBox=\"0 0 %d %d\">%n", d.width() * mmPerDot, d.height() * mmPerDot, d.width(), d.height()));
    out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", d.width(), d.height()));
    out.append("<g fill=\"#000\" stroke=\"none\">\n");
    for (Drawing.Mark mark : d.marks()) {
      if (mark instanceof Drawing.Qr qr) {
        out.append("<path shape-rendering=\"crispEdges\" d=\"").append(qrPath(qr)).append("\"/>\n");
      } else if (mark instanceof Drawing.Bar b) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>%n", b.x(), b.y(),
            b.width(), b.height()));
      } else if (mark instanceof Drawing.Stroke s) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\""
            + " stroke-width=\"%d\"/>%n", s.x1(), s.y1(), s.x2(), s.y2(), s.width()));
      } else if (mark instanceof Drawing.Dot dot) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\"/>%n", dot.cx(), dot.cy(), dot.radius()));
      } else if (mark instanceof Drawing.Text t) {
        // A viewer's font may run wider than the layout assumed; a line that could overrun is held to its width.
        String fit = t.text().length() * t.height() * WIDE_FONT_EM > t.maxWidth()
            ? String.format(Locale.ROOT, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", t.maxWidth()) : "";
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"DejaVu Sans, Helvetica, Arial,"
            + " sans-serif\" font-size=\"%d\"%s>%s</text>%n", t.x(), t.y() + Math.round(t.height() * 0.8f), t.height(),
            fit, escape(t.text())));
      }
    }
    out.append("</g>\n</svg>\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String qrPath(Drawing.Qr qr) {
    StringBuilder path = new StringBuilder();
    int d = qr.moduleDots();
    for (QrSymbol.Run run : qr.symbol().runs()) {
      int w = run.length() * d;
      path.append('M').append(qr.x() + run.x() * d).append(' ').append(qr.y() + run.y() * d)
          .append('h').append(w).append('v').append(d).append('h').append(-w).append('z');
    }
    return path.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }
}

package io.packpass.label.pdfbox;

import io.packpass.label.Drawing;
import io.packpass.label.LabelException;
import io.packpass.label.QrSymbol;
import io.packpass.label.Renderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The label as a one-page PDF the size of the label stock, all vector (QR modules as rectangles),
 * text in Helvetica (a standard font every viewer has, so nothing is embedded). Characters Helvetica's
 * WinAnsi encoding lacks are printed as '?'.
 */
public final class PdfRenderer implements Renderer {
  /** Bezier control-point factor for a quarter circle. */
  private static final float KAPPA = 0.5522848f;

  @Override
  public byte[] render(Drawing d) {
    float scale = 72f / d.dpi();
    float pageHeight = d.height() * scale;
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Battery label");
      info.setCreator("PackPass");
      // Reproducible output: a fixed creation date instead of the clock's.
      GregorianCalendar epoch = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      epoch.setTimeInMillis(0);
      info.setCreationDate(epoch);
      PDPage page = new PDPage(new PDRectangle(d.width() * scale, pageHeight));
      document.addPage(page);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
        cs.setNonStrokingColor(0f);
        cs.setStrokingColor(0f);
        for (Drawing.Mark mark : d.marks()) {
          draw(cs, font, mark, scale, pageHeight);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new LabelException("cannot write the PDF: " + e.getMessage(), e);
    }
  }

  private static void draw(PDPageContentStream cs, PDType1Font font, Drawing.Mark mark, float k, float top)
      throws IOException {
    if (mark instanceof Drawing.Qr qr) {
      int d = qr.moduleDots();
      for (QrSymbol.Run run : qr.symbol().runs()) {
        cs.addRect((qr.x() + run.x() * d) * k, top - (qr.y() + (run.y() + 1) * d) * k, run.length() * d * k, d * k);
      }
      cs.fill();
    } else if (mark instanceof Drawing.Bar b) {
      cs.addRect(b.x() * k, top - (b.y() + b.height()) * k, b.width() * k, b.height() * k);
      cs.fill();
    } else if (mark instanceof Drawing.Stroke s) {
      cs.setLineWidth(s.width() * k);
      cs.moveTo(s.x1() * k, top - s.y1() * k);
      cs.lineTo(s.x2() * k, top - s.y2() * k);
      cs.stroke();
    } else if (mark instanceof Drawing.Dot dot) {
      float cx = dot.cx() * k;
      float cy = top - dot.cy() * k;
      float r = dot.radius() * k;
      float c = r * KAPPA;
      cs.moveTo(cx + r, cy);
      cs.curveTo(cx + r, cy + c, cx + c, cy + r, cx, cy + r);
      cs.curveTo(cx - c, cy + r, cx - r, cy + c, cx - r, cy);
      cs.curveTo(cx - r, cy - c, cx - c, cy - r, cx, cy - r);
      cs.curveTo(cx + c, cy - r, cx + r, cy - c, cx + r, cy);
      cs.fill();
    } else if (mark instanceof Drawing.Text t) {
      String text = printable(font, t.text());
      float size = t.height() * k;
      float natural = font.getStringWidth(text) / 1000f * size;
      float max = t.maxWidth() * k;
      cs.beginText();
      cs.setFont(font, size);
      if (natural > max) {
        cs.setHorizontalScaling(100f * max / natural);
      }
      cs.newLineAtOffset(t.x() * k, top - (t.y() + t.height() * 0.8f) * k);
      cs.showText(text);
      cs.endText();
      if (natural > max) {
        cs.setHorizontalScaling(100f);
      }
    }
  }

  private static String printable(PDType1Font font, String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String c = new String(Character.toChars(cp));
      try {
        font.encode(c);
        out.append(c);
      } catch (IllegalArgumentException | IOException e) {
        out.append('?');
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

}

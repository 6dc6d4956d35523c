package io.packpass.label.imageio;

import io.packpass.label.Drawing;
import io.packpass.label.LabelException;
import io.packpass.label.Renderer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The label as a PNG preview, one pixel per printer dot, 8-bit grey, with the resolution recorded
 * (pHYs) so that viewers show it at its real size. QR modules are whole-pixel squares, never smoothed.
 */
public final class PngRenderer implements Renderer {
  @Override
  public byte[] render(Drawing drawing) {
    return write(image(drawing), drawing.dpi());
  }

  /** The label as an image (also what tests decode). */
  public BufferedImage image(Drawing drawing) {
    BufferedImage image = new BufferedImage(drawing.width(), drawing.height(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, drawing.width(), drawing.height());
      g.setColor(Color.BLACK);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      for (Drawing.Mark mark : drawing.marks()) {
        draw(g, mark);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void draw(Graphics2D g, Drawing.Mark mark) {
    if (mark instanceof Drawing.Qr qr) {
      int d = qr.moduleDots();
      for (int y = 0; y < qr.symbol().size(); y++) {
        for (int x = 0; x < qr.symbol().size(); x++) {
          if (qr.symbol().dark(x, y)) {
            g.fillRect(qr.x() + x * d, qr.y() + y * d, d, d);
          }
        }
      }
    } else if (mark instanceof Drawing.Bar bar) {
      g.fillRect(bar.x(), bar.y(), bar.width(), bar.height());
    } else if (mark instanceof Drawing.Stroke s) {
      g.setStroke(new BasicStroke(s.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
      g.draw(new Line2D.Double(s.x1(), s.y1(), s.x2(), s.y2()));
    } else if (mark instanceof Drawing.Dot dot) {
      g.fillOval(dot.cx() - dot.radius(), dot.cy() - dot.radius(), 2 * dot.radius(), 2 * dot.radius());
    } else if (mark instanceof Drawing.Text text) {
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, text.height());
      FontMetrics metrics = g.getFontMetrics(font);
      int natural = metrics.stringWidth(text.text());
      if (natural > text.maxWidth()) {
        // This font runs wider than the layout's estimate: condense the line rather than overrun.
        font = font.deriveFont(AffineTransform.getScaleInstance((double) text.maxWidth() / natural, 1));
      }
      g.setFont(font);
      g.drawString(text.text(), text.x(), text.y() + Math.round(text.height() * 0.8f));
    }
  }

  private static byte[] write(BufferedImage image, int dpi) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new LabelException("this Java runtime has no PNG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
      setResolution(metadata, dpi);
      writer.write(null, new IIOImage(image, null, metadata), null);
    } catch (IOException e) {
      throw new LabelException("cannot write the PNG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static void setResolution(IIOMetadata metadata, int dpi) throws IIOInvalidTreeException {
    String pixelsPerMetre = Integer.toString((int) Math.round(dpi / 0.0254));
    IIOMetadataNode phys = new IIOMetadataNode("pHYs");
    phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
    phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
    phys.setAttribute("unitSpecifier", "meter");
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    root.appendChild(phys);
    metadata.mergeTree("javax_imageio_png_1.0", root);
  }
}

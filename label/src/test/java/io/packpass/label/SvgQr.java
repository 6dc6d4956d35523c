package io.packpass.label;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Draws the QR path of a PackPass SVG label into pixels (one per viewBox unit): enough to decode it. */
final class SvgQr {
  private static final Pattern PATH = Pattern.compile("<path shape-rendering=\"crispEdges\" d=\"([^\"]*)\"/>");
  private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v(\\d+)h-\\d+z");

  private SvgQr() {
  }

  static BufferedImage rasterize(String svg, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    Matcher path = PATH.matcher(svg);
    if (!path.find()) {
      throw new AssertionError("no QR path in the SVG");
    }
    Matcher run = RUN.matcher(path.group(1));
    while (run.find()) {
      g.fillRect(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)), Integer.parseInt(run.group(3)),
          Integer.parseInt(run.group(4)));
    }
    g.dispose();
    return image;
  }
}

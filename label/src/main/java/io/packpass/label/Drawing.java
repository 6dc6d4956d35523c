package io.packpass.label;

import java.util.List;

/**
 * A laid-out label in printer dots (origin top-left, y down), black on white: what every renderer
 * (PNG, SVG, PDF, ZPL) draws, so that they cannot disagree about where anything is.
 */
public record Drawing(int width, int height, int dpi, List<Mark> marks) {
  public Drawing {
    marks = List.copyOf(marks);
  }

  /** One thing drawn. */
  public sealed interface Mark permits Text, Bar, Stroke, Dot, Qr {
  }

  /**
   * A line of text: {@code y} is the top of its line box, {@code height} the font size (em) in dots,
   * {@code maxWidth} what it may occupy (a renderer whose font runs wider condenses it).
   */
  public record Text(int x, int y, int height, int maxWidth, String text) implements Mark {
  }

  /** A filled rectangle. */
  public record Bar(int x, int y, int width, int height) implements Mark {
  }

  /** A straight line {@code width} dots thick. */
  public record Stroke(int x1, int y1, int x2, int y2, int width) implements Mark {
  }

  /** A filled disc. */
  public record Dot(int cx, int cy, int radius) implements Mark {
  }

  /** A QR symbol whose top-left module is at (x, y); its quiet zone around it is left blank. */
  public record Qr(int x, int y, int moduleDots, QrSymbol symbol) implements Mark {
  }

  public <T extends Mark> List<T> marks(Class<T> type) {
    return marks.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The (only) QR symbol of the label. */
  public Qr qr() {
    return marks(Qr.class).get(0);
  }
}

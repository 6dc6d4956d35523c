package io.packpass.label.zpl;

import io.packpass.label.Drawing;
import io.packpass.label.Renderer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * The label as a ZPL II format for Zebra-compatible printers (ZPL II Programming Guide): UTF-8 text
 * ({@code ^CI28}) in the scalable font 0, rules and boxes ({@code ^GB}), diagonals ({@code ^GD}) and
 * discs ({@code ^GC}) for the separate-collection symbol, and the QR code either
 * <ul>
 *   <li>{@link QrMode#NATIVE}: {@code ^BQN,2,<dots per module>} with {@code ^FD<EC>A,<text>}: the
 *       printer encodes it (smallest job; the printer picks the segmentation and so the version), or</li>
 *   <li>{@link QrMode#GRAPHIC}: the exact symbol PackPass encoded, as a {@code ^GFA} bitmap compressed as
 *       {@code :Z64:} (zlib deflate, base64, then CRC-16/XMODEM, poly 0x1021 init 0, of the base64 text
 *       as four lower-case hex digits), for printers whose QR firmware misbehaves.</li>
 * </ul>
 * Field data goes through {@code ^FH_} so that {@code ^}, {@code ~} and {@code _} in it are hex escapes.
 */
public final class ZplRenderer implements Renderer {
  /** How the QR code reaches the printer. */
  public enum QrMode {
    /** {@code ^BQN} when the code fits at the size the printer's own encoder may take, else {@code ^GFA}. */
    AUTO,
    NATIVE,
    GRAPHIC
  }

  private final QrMode qrMode;

  /** @param qrMode {@link QrMode#NATIVE} or {@link QrMode#GRAPHIC}; AUTO is decided before rendering. */
  public ZplRenderer(QrMode qrMode) {
    if (qrMode == QrMode.AUTO) {
      throw new IllegalArgumentException("decide AUTO before rendering (Labels does)");
    }
    this.qrMode = qrMode;
  }

  public QrMode qrMode() {
    return qrMode;
  }

  @Override
  public byte[] render(Drawing d) {
    StringBuilder z = new StringBuilder(8 * 1024);
    z.append("^XA\n^CI28\n");
    z.append("^PW").append(d.width()).append("\n^LL").append(d.height()).append("\n^LH0,0\n");
    for (Drawing.Mark mark : d.marks()) {
      if (mark instanceof Drawing.Qr qr) {
        qr(z, qr);
      } else if (mark instanceof Drawing.Bar b) {
        z.append(fo(b.x(), b.y())).append("^GB").append(b.width()).append(',').append(b.height()).append(',')
            .append(Math.min(b.width(), b.height())).append("^FS\n");
      } else if (mark instanceof Drawing.Stroke s) {
        stroke(z, s);
      } else if (mark instanceof Drawing.Dot dot) {
        z.append(fo(dot.cx() - dot.radius(), dot.cy() - dot.radius())).append("^GC").append(2 * dot.radius()).append(',')
            .append(dot.radius()).append(",B^FS\n");
      } else if (mark instanceof Drawing.Text t) {
        z.append(fo(t.x(), t.y())).append("^A0N,").append(t.height()).append(',').append(t.height())
            .append("^FH_^FD").append(escape(t.text())).append("^FS\n");
      }
    }
    z.append("^PQ1\n^XZ\n");
    return z.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void qr(StringBuilder z, Drawing.Qr qr) {
    if (qrMode == QrMode.NATIVE) {
      String ec = qr.symbol().errorCorrection().name();
      z.append(fo(qr.x(), qr.y())).append("^BQN,2,").append(qr.moduleDots()).append(',').append(ec)
          .append("^FH_^FD").append(ec).append("A,").append(escape(qr.symbol().text())).append("^FS\n");
      return;
    }
    int side = qr.symbol().size() * qr.moduleDots();
    int bytesPerRow = (side + 7) / 8;
    byte[] bitmap = new byte[bytesPerRow * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (qr.symbol().dark(x / qr.moduleDots(), y / qr.moduleDots())) {
          bitmap[y * bytesPerRow + x / 8] |= (byte) (0x80 >>> (x % 8));
        }
      }
    }
    z.append(fo(qr.x(), qr.y())).append("^GFA,").append(bitmap.length).append(',').append(bitmap.length).append(',')
        .append(bytesPerRow).append(',').append(z64(bitmap)).append("^FS\n");
  }

  private static void stroke(StringBuilder z, Drawing.Stroke s) {
    int t = s.width();
    int left = Math.min(s.x1(), s.x2());
    int top = Math.min(s.y1(), s.y2());
    int dx = Math.abs(s.x2() - s.x1());
    int dy = Math.abs(s.y2() - s.y1());
    if (dx == 0 || dy == 0) {
      z.append(fo(dx == 0 ? left - t / 2 : left, dy == 0 ? top - t / 2 : top)).append("^GB").append(Math.max(dx, t))
          .append(',').append(Math.max(dy, t)).append(',').append(t).append("^FS\n");
      return;
    }
    // ^GD: L leans left (top-left to bottom-right), R leans right (bottom-left to top-right).
    boolean downRight = (s.x2() - s.x1()) * (s.y2() - s.y1()) > 0;
    z.append(fo(left, top)).append("^GD").append(Math.max(dx, t)).append(',').append(Math.max(dy, t)).append(',')
        .append(t).append(",B,").append(downRight ? 'L' : 'R').append("^FS\n");
  }

  private static String fo(int x, int y) {
    return "^FO" + Math.max(0, x) + "," + Math.max(0, y);
  }

  /** {@code :Z64:<base64 of zlib deflate>:<crc16>}. */
  static String z64(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    String base64 = Base64.getEncoder().encodeToString(out.toByteArray());
    return ":Z64:" + base64 + ":" + String.format(Locale.ROOT, "%04x", crc16(base64.getBytes(StandardCharsets.US_ASCII)));
  }

  /** CRC-16/XMODEM (poly 0x1021, init 0, no reflection, no final XOR), the CRC ZPL's Z64 carries. */
  static int crc16(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      crc ^= (b & 0xff) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xffff;
    }
    return crc;
  }

  /** Field data under {@code ^FH_}: the command prefixes and the escape character itself as hex. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '^', '~', '_' -> out.append('_').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
        case '\r', '\n' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

package io.packpass.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the {@code ^GFA :Z64:} graphics of a ZPL label back into pixels: CRC checked, inflated, placed
 * at their {@code ^FO}. Written from the ZPL guide, not from the renderer, so it checks the renderer.
 */
final class ZplGraphic {
  private static final Pattern SIZE = Pattern.compile("\\^PW(\\d+)\\s*\\^LL(\\d+)");
  private static final Pattern GFA = Pattern.compile(
      "\\^FO(\\d+),(\\d+)\\^GFA,(\\d+),(\\d+),(\\d+),:Z64:([A-Za-z0-9+/=]+):([0-9a-f]{4})\\^FS");

  private ZplGraphic() {
  }

  static BufferedImage rasterize(String zpl) {
    Matcher size = SIZE.matcher(zpl);
    assertThat(size.find()).as("^PW and ^LL").isTrue();
    BufferedImage image = new BufferedImage(Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2)),
        BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, 0xffffff);
      }
    }
    Matcher gfa = GFA.matcher(zpl);
    int found = 0;
    while (gfa.find()) {
      found++;
      int x0 = Integer.parseInt(gfa.group(1));
      int y0 = Integer.parseInt(gfa.group(2));
      int total = Integer.parseInt(gfa.group(3));
      int perRow = Integer.parseInt(gfa.group(5));
      String base64 = gfa.group(6);
      assertThat(String.format("%04x", crc(base64.getBytes(StandardCharsets.US_ASCII)))).as("Z64 CRC").isEqualTo(gfa.group(7));
      byte[] bits = inflate(Base64.getDecoder().decode(base64));
      assertThat(bits).hasSize(total);
      for (int i = 0; i < total * 8; i++) {
        if ((bits[i / 8] & (0x80 >>> (i % 8))) != 0) {
          int x = x0 + (i % (perRow * 8));
          int y = y0 + i / (perRow * 8);
          image.setRGB(x, y, 0);
        }
      }
    }
    assertThat(found).as("^GFA fields").isPositive();
    return image;
  }

  /** CRC-CCITT as the ZPL guide's Z64 section describes it: x^16 + x^12 + x^5 + 1, initial value 0. */
  private static int crc(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      for (int i = 7; i >= 0; i--) {
        boolean bit = ((b >> i) & 1) == 1;
        boolean top = (crc & 0x8000) != 0;
        crc = (crc << 1) & 0xffff;
        if (top ^ bit) {
          crc ^= 0x1021;
        }
      }
    }
    return crc;
  }

  private static byte[] inflate(byte[] data) {
    Inflater inflater = new Inflater();
    inflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && inflater.needsInput()) {
          throw new AssertionError("truncated Z64 data");
        }
        out.write(buffer, 0, n);
      }
    } catch (DataFormatException e) {
      throw new AssertionError("Z64 data is not zlib: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }
}

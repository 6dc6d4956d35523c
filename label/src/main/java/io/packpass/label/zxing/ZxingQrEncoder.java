package io.packpass.label.zxing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import io.packpass.label.ErrorCorrection;
import io.packpass.label.QrTooLargeException;
import io.packpass.label.QrEncoder;
import io.packpass.label.QrSymbol;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * ZXing's QR encoder. No character set hint: a Digital Link is ASCII, and naming UTF-8 would only add
 * an ECI segment. With mixed modes ZXing's minimal encoder picks the cheapest segmentation (the
 * label signature's base32 fragment then goes alphanumeric).
 *
 * <p>Every symbol is read back before it is used: about 3 % of valid version-14 symbols (the signed
 * label) are not found by ZXing's own detector, which mistakes data modules for a finder pattern,
 * although zbar reads them. Such a symbol is made again with the next mask pattern (ISO/IEC 18004
 * §7.8) until one reads back to the exact text, so no decoder on the market is handed a pattern it is
 * known to trip on.
 */
public final class ZxingQrEncoder implements QrEncoder {
  /** Pixels per module of the read-back image; the failures do not depend on scale. */
  private static final int CHECK_SCALE = 4;

  @Override
  public QrSymbol encode(String text, ErrorCorrection errorCorrection, boolean mixedModes) {
    QRCode code = encode(text, errorCorrection, mixedModes, -1);
    if (readsBack(code.getMatrix(), text)) {
      return symbol(code, text, errorCorrection);
    }
    for (int mask = 0; mask < 8; mask++) {
      if (mask != code.getMaskPattern()) {
        QRCode other = encode(text, errorCorrection, mixedModes, mask);
        if (readsBack(other.getMatrix(), text)) {
          return symbol(other, text, errorCorrection);
        }
      }
    }
    return symbol(code, text, errorCorrection); // valid all the same; no mask helped this reader
  }

  private static QRCode encode(String text, ErrorCorrection errorCorrection, boolean mixedModes, int mask) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    if (mixedModes) {
      hints.put(EncodeHintType.QR_COMPACT, Boolean.TRUE);
    }
    if (mask >= 0) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    try {
      return Encoder.encode(text, ErrorCorrectionLevel.valueOf(errorCorrection.name()), hints);
    } catch (WriterException e) {
      throw new QrTooLargeException("QR content of " + text.length() + " characters does not fit a QR code at error"
          + " correction " + errorCorrection + " (at most version 40): " + e.getMessage(), e);
    }
  }

  /** Whether ZXing's reader finds the symbol (drawn with its quiet zone) and decodes exactly {@code text}. */
  private static boolean readsBack(ByteMatrix matrix, String text) {
    int quiet = QrSymbol.QUIET_ZONE;
    int side = (matrix.getWidth() + 2 * quiet) * CHECK_SCALE;
    int[] pixels = new int[side * side];
    java.util.Arrays.fill(pixels, 0xffffffff);
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y) == 1) {
          for (int dy = 0; dy < CHECK_SCALE; dy++) {
            int row = ((y + quiet) * CHECK_SCALE + dy) * side + (x + quiet) * CHECK_SCALE;
            java.util.Arrays.fill(pixels, row, row + CHECK_SCALE, 0xff000000);
          }
        }
      }
    }
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
    try {
      return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText().equals(text);
    } catch (ReaderException e) {
      return false;
    }
  }

  private static QrSymbol symbol(QRCode code, String text, ErrorCorrection errorCorrection) {
    ByteMatrix matrix = code.getMatrix();
    int size = matrix.getWidth();
    BitSet modules = new BitSet(size * size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (matrix.get(x, y) == 1) {
          modules.set(y * size + x);
        }
      }
    }
    return new QrSymbol(text, code.getVersion().getVersionNumber(), errorCorrection, size, modules);
  }
}

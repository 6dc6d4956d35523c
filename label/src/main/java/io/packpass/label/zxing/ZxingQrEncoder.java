package io.packpass.label.zxing;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
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
 */
public final class ZxingQrEncoder implements QrEncoder {
  @Override
  public QrSymbol encode(String text, ErrorCorrection errorCorrection, boolean mixedModes) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    if (mixedModes) {
      hints.put(EncodeHintType.QR_COMPACT, Boolean.TRUE);
    }
    QRCode code;
    try {
      code = Encoder.encode(text, ErrorCorrectionLevel.valueOf(errorCorrection.name()), hints);
    } catch (WriterException e) {
      throw new QrTooLargeException("QR content of " + text.length() + " characters does not fit a QR code at error"
          + " correction " + errorCorrection + " (at most version 40): " + e.getMessage(), e);
    }
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

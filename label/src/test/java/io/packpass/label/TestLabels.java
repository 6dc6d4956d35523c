package io.packpass.label;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.core.passport.Passport;
import io.packpass.core.sample.SamplePassports;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Sample label content and an independent (ZXing) decoder for the label tests. */
public final class TestLabels {
  public static final Instant BORN = Instant.parse("2026-03-02T08:00:00Z");
  public static final Instant PRINTED = Instant.parse("2026-11-20T12:00:00Z");
  /** Fixed key, so signed labels are the same in every run (Ed25519 is deterministic). */
  public static final SoftwareSigner SIGNER = SoftwareSigner.ed25519(new byte[] {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

  private TestLabels() {
  }

  public static Passport ev() {
    return Passport.born(SamplePassports.evId(), SamplePassports.evModel(), SamplePassports.evItem(), BORN, "Voltaris");
  }

  public static Passport lmt() {
    return Passport.born(SamplePassports.lmtId(), SamplePassports.lmtModel(), SamplePassports.lmtItem(), BORN, "Voltaris");
  }

  public static DigitalLink link(Passport passport) {
    return DigitalLink.of(SamplePassports.RESOLVER, passport.id());
  }

  public static LabelContent unsigned(Passport passport) {
    return LabelContent.unsigned(link(passport), passport);
  }

  /** A pack measured at 93.12 % state of health, its label signed at {@link #PRINTED}. */
  public static LabelContent signed(Passport passport) {
    Passport measured = UpdateBody.apply(Optional.of(passport), new UpdatePayload(passport.id(), 1, new byte[32], PRINTED,
        UpdateKind.READING, UpdateBody.reading(SamplePassports.evReading(PRINTED, 9_312, 180)), Optional.empty()));
    return LabelContent.signed(link(passport), measured, SIGNER, Optional.empty(), PRINTED);
  }

  public static BufferedImage png(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ZXing's decode of the one QR code in {@code image}, or empty. */
  public static Optional<Result> decode(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    try {
      return Optional.of(new QRCodeReader().decode(bitmap, hints));
    } catch (NotFoundException | ChecksumException | FormatException e) {
      return Optional.empty();
    }
  }

  /**
   * What a phone camera makes of the label: scaled so that a module is about {@code pixelsPerModule}
   * pixels, smoothed, and turned by a few degrees.
   */
  public static BufferedImage cameraView(BufferedImage label, int moduleDots, double pixelsPerModule, double degrees) {
    double scale = pixelsPerModule / moduleDots;
    int w = (int) Math.ceil(label.getWidth() * scale * 1.2);
    int h = (int) Math.ceil(label.getHeight() * scale * 1.4);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = out.createGraphics();
    g.setColor(java.awt.Color.GRAY);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    AffineTransform t = new AffineTransform();
    t.translate(w * 0.1, h * 0.2);
    t.rotate(Math.toRadians(degrees));
    t.scale(scale, scale);
    g.drawImage(label, t, null);
    g.dispose();
    return out;
  }
}

package io.packpass.label;

import io.packpass.label.imageio.PngRenderer;
import io.packpass.label.pdfbox.PdfRenderer;
import io.packpass.label.svg.SvgRenderer;
import io.packpass.label.zpl.ZplRenderer;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import io.packpass.label.zxing.ZxingQrEncoder;

/**
 * The composition root of the label module: content + spec + format in, file bytes out. The agent,
 * provisioning and the gateway's label preview all make labels through this class.
 */
public final class Labels {
  private final LabelComposer composer;

  public Labels() {
    this(new ZxingQrEncoder());
  }

  public Labels(QrEncoder encoder) {
    this.composer = new LabelComposer(encoder);
  }

  /** A laid-out label and, for ZPL, how its QR code goes to the printer. */
  public record Planned(Drawing drawing, QrMode zplQr) {
  }

  /**
   * Lays the label out. A native ZPL QR code is planned at the size the printer's own encoder may
   * take (one segment, no alphanumeric run for a signature): ZXing's single-mode symbol. With
   * {@link QrMode#AUTO} a code that does not fit that way goes as the exact graphic instead.
   */
  public Planned layout(LabelContent content, LabelSpec spec, LabelFormat format, QrMode zplQr) {
    if (format != LabelFormat.ZPL || zplQr == QrMode.GRAPHIC) {
      return new Planned(composer.compose(content, spec, true), QrMode.GRAPHIC);
    }
    if (zplQr == QrMode.NATIVE) {
      return new Planned(composer.compose(content, spec, false), QrMode.NATIVE);
    }
    try {
      return new Planned(composer.compose(content, spec, false), QrMode.NATIVE);
    } catch (QrTooLargeException tooLargeForThePrintersEncoder) {
      return new Planned(composer.compose(content, spec, true), QrMode.GRAPHIC);
    }
  }

  public byte[] render(LabelContent content, LabelSpec spec, LabelFormat format) {
    return render(content, spec, format, QrMode.AUTO);
  }

  /**
   * @throws LabelException when the content does not fit the layout or the QR code, with the limit
   */
  public byte[] render(LabelContent content, LabelSpec spec, LabelFormat format, QrMode zplQr) {
    Planned planned = layout(content, spec, format, zplQr);
    Renderer renderer = switch (format) {
      case PNG -> new PngRenderer();
      case SVG -> new SvgRenderer();
      case PDF -> new PdfRenderer();
      case ZPL -> new ZplRenderer(planned.zplQr());
    };
    return renderer.render(planned.drawing());
  }
}

package io.packpass.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layout, at both common printer resolutions, signed and not: what is printed decodes to the exact text. */
class RenderedLabelsDecodeTest {
  private final Labels labels = new Labels();

  static Stream<Arguments> labelsThatFit() {
    return Stream.of(
        Arguments.of(Layout.L100X50, 203, false), Arguments.of(Layout.L100X50, 300, false),
        Arguments.of(Layout.L50X30, 203, false), Arguments.of(Layout.L50X30, 300, false),
        Arguments.of(Layout.L100X50, 203, true), Arguments.of(Layout.L100X50, 300, true));
  }

  private LabelContent content(boolean signed) {
    return signed ? TestLabels.signed(TestLabels.ev()) : TestLabels.unsigned(TestLabels.ev());
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}")
  @MethodSource("labelsThatFit")
  void the_png_decodes_to_the_exact_qr_text_at_error_correction_q(Layout layout, int dpi, boolean signed) {
    LabelContent content = content(signed);
    BufferedImage image = TestLabels.png(labels.render(content, LabelSpec.of(layout, dpi), LabelFormat.PNG));
    assertThat(image.getWidth()).isEqualTo(LabelSpec.of(layout, dpi).dots(layout.widthMm()));
    Result result = TestLabels.decode(image).orElseThrow(() -> new AssertionError("no QR code decoded"));
    assertThat(result.getText()).isEqualTo(content.qrText());
    assertThat(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)).isEqualTo("Q");
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}")
  @MethodSource("labelsThatFit")
  void a_phone_camera_view_of_the_label_decodes(Layout layout, int dpi, boolean signed) {
    LabelContent content = content(signed);
    LabelSpec spec = LabelSpec.of(layout, dpi);
    Drawing drawing = labels.layout(content, spec, LabelFormat.PNG, QrMode.AUTO).drawing();
    BufferedImage image = TestLabels.png(labels.render(content, spec, LabelFormat.PNG));
    BufferedImage camera = TestLabels.cameraView(image, drawing.qr().moduleDots(), 3.0, 6.0);
    assertThat(TestLabels.decode(camera).map(Result::getText)).hasValue(content.qrText());
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}")
  @MethodSource("labelsThatFit")
  void the_pdf_rendered_back_to_pixels_decodes(Layout layout, int dpi, boolean signed) throws IOException {
    LabelContent content = content(signed);
    byte[] pdf = labels.render(content, LabelSpec.of(layout, dpi), LabelFormat.PDF);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo((float) (layout.widthMm() / 25.4 * 72),
          org.assertj.core.data.Offset.offset(0.5f));
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.GRAY);
      assertThat(TestLabels.decode(image).map(Result::getText)).hasValue(content.qrText());
    }
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}")
  @MethodSource("labelsThatFit")
  void the_svg_holds_exactly_the_symbols_modules(Layout layout, int dpi, boolean signed) {
    LabelContent content = content(signed);
    LabelSpec spec = LabelSpec.of(layout, dpi);
    Drawing drawing = labels.layout(content, spec, LabelFormat.SVG, QrMode.AUTO).drawing();
    String svg = new String(labels.render(content, spec, LabelFormat.SVG), java.nio.charset.StandardCharsets.UTF_8);
    BufferedImage image = SvgQr.rasterize(svg, drawing.width(), drawing.height());
    assertThat(TestLabels.decode(image).map(Result::getText)).hasValue(content.qrText());
    double widthMm = Double.parseDouble(svg.replaceAll("(?s).*<svg[^>]* width=\"([0-9.]+)mm\".*", "$1"));
    assertThat(widthMm).isCloseTo(layout.widthMm(), org.assertj.core.data.Offset.offset(0.1));
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}")
  @MethodSource("labelsThatFit")
  void the_zpl_graphic_fallback_carries_the_exact_symbol(Layout layout, int dpi, boolean signed) {
    LabelContent content = content(signed);
    LabelSpec spec = LabelSpec.of(layout, dpi);
    String zpl = new String(labels.render(content, spec, LabelFormat.ZPL, QrMode.GRAPHIC), java.nio.charset.StandardCharsets.UTF_8);
    BufferedImage image = ZplGraphic.rasterize(zpl);
    assertThat(TestLabels.decode(image).map(Result::getText)).hasValue(content.qrText());
    String auto = new String(labels.render(content, spec, LabelFormat.ZPL), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(auto).contains("^BQN,2,").contains("^FH_^FDQA," + content.qrText() + "^FS").doesNotContain("^GFA");
  }

  /**
   * About 3 % of signed labels' symbols (version 14) once escaped ZXing's detector although zbar read
   * them; the encoder now re-masks those. 120 labels with seeded keys and times: without the re-mask,
   * the chance that all decode is about 3 %.
   */
  @org.junit.jupiter.api.Test
  void signed_labels_decode_whatever_their_key_and_time() {
    java.util.Random random = new java.util.Random(20261203L);
    io.packpass.core.passport.Passport pack = TestLabels.lmt();
    for (int i = 0; i < 120; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      LabelContent content = LabelContent.signed(TestLabels.link(pack), pack,
          io.packpass.core.cose.SoftwareSigner.ed25519(seed), java.util.Optional.empty(), TestLabels.PRINTED.plusSeconds(i * 37L));
      BufferedImage image = TestLabels.png(labels.render(content, LabelSpec.of(Layout.L100X50, 203), LabelFormat.PNG));
      assertThat(TestLabels.decode(image).map(Result::getText)).as("label %d", i).hasValue(content.qrText());
    }
  }
}

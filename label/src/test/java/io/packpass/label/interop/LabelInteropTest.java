package io.packpass.label.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.label.LabelContent;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Labels;
import io.packpass.label.Layout;
import io.packpass.label.TestLabels;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PackPass labels read by decoders this project did not write: zbarimg (Debian zbar-tools) on the PNG,
 * on the PDF rasterised by pdftoppm (poppler-utils), and on the ZPL rendered offline by the npm package
 * zpl-renderer-js ({@code src/test/node}, installed by {@code .ci/run}). Each must give exactly the
 * text the QR code was made from.
 */
@Tag("interop")
class LabelInteropTest {
  private static final Path NODE = Path.of("src/test/node");

  @TempDir
  Path dir;

  private final Labels labels = new Labels();

  private static LabelContent content(boolean signed) {
    return signed ? TestLabels.signed(TestLabels.ev()) : TestLabels.unsigned(TestLabels.lmt());
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}")
  @CsvSource({"100x50,203,false", "100x50,300,false", "50x30,203,false", "50x30,300,false", "100x50,203,true",
      "100x50,300,true"})
  void zbarimg_decodes_the_png_and_the_pdf_to_exactly_the_qr_text(String layout, int dpi, boolean signed) throws Exception {
    LabelContent content = content(signed);
    LabelSpec spec = LabelSpec.of(Layout.parse(layout), dpi);
    Path png = Files.write(dir.resolve("label.png"), labels.render(content, spec, LabelFormat.PNG));
    assertThat(zbarimg(png)).isEqualTo(content.qrText());

    Path pdf = Files.write(dir.resolve("label.pdf"), labels.render(content, spec, LabelFormat.PDF));
    run(List.of("pdftoppm", "-r", Integer.toString(dpi), "-png", "-singlefile", pdf.toString(),
        dir.resolve("page").toString()));
    assertThat(zbarimg(dir.resolve("page.png"))).isEqualTo(content.qrText());
  }

  @ParameterizedTest(name = "{0} at {1} dpi, signed {2}, {3}")
  @CsvSource({"100x50,203,false,NATIVE", "50x30,203,false,NATIVE", "50x30,300,false,GRAPHIC", "100x50,300,true,GRAPHIC",
      "100x50,203,true,NATIVE"})
  void zpl_rendered_by_zpl_renderer_js_decodes_with_zbarimg(String layout, int dpi, boolean signed, QrMode mode)
      throws Exception {
    assertThat(NODE.resolve("node_modules/zpl-renderer-js")).as("run .ci/run first: it installs zpl-renderer-js").exists();
    LabelContent content = content(signed);
    Layout stock = Layout.parse(layout);
    Path zpl = Files.write(dir.resolve("label.zpl"), labels.render(content, LabelSpec.of(stock, dpi), LabelFormat.ZPL, mode));
    assertThat(Files.readString(zpl)).contains(mode == QrMode.NATIVE ? "^BQN" : "^GFA");
    Path png = dir.resolve("zpl.png");
    run(List.of("node", NODE.resolve("render-zpl.mjs").toString(), zpl.toString(), png.toString(),
        Double.toString(stock.widthMm()), Double.toString(stock.heightMm()),
        // whole dots per mm, as Zebra rates its heads (203 dpi = 8, 300 dpi = 12) and as the renderer wants them
        Long.toString(Math.round(dpi / 25.4))));
    assertThat(zbarimg(png)).isEqualTo(content.qrText());
  }

  private static String zbarimg(Path image) throws IOException, InterruptedException {
    String out = run(List.of("zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", image.toString()));
    return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
  }

  /** Runs a tool, returns its standard output; fails with its standard error when it does not exit 0. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " timed out");
    }
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}

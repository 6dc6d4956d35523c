package io.packpass.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.packpass.core.label.LabelVerdict;
import io.packpass.core.label.LabelVerifier;
import io.packpass.core.pki.TrustStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelCommandTest {
  private static final Path EXAMPLES = Path.of("../docs/examples");

  @TempDir
  Path tmp;
  private Path ca;
  private Path pass;
  private Path births;

  @BeforeEach
  void batch() throws IOException {
    ca = tmp.resolve("ca");
    pass = Files.writeString(tmp.resolve("pass"), "correct horse battery staple\n");
    assertThat(Cli.run("ca", "init", "--dir", ca.toString(), "--passphrase-file", pass.toString()).exit()).isZero();
    births = tmp.resolve("births");
    Cli.Result created = Cli.run("passport", "create", "--dir", ca.toString(), "--passphrase-file", pass.toString(),
        "--model", EXAMPLES.resolve("lmt-ebike-36v.yaml").toString(), "--items",
        EXAMPLES.resolve("lmt-ebike-36v.items.csv").toString(), "--resolver", "https://id.voltaris.example", "--out",
        births.toString());
    assertThat(created.exit()).as(created.toString()).isZero();
  }

  private Cli.Result label(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("label", "--dir", ca.toString(), "--passphrase-file",
        pass.toString(), "--births", births.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void every_pack_gets_a_signed_pdf_label_that_verifies_offline_with_the_published_trust_file() throws Exception {
    Path out = tmp.resolve("labels");
    Cli.Result run = label("--out", out.toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("made 2 label(s) (pdf, 100x50 at 203 dpi, signed)").contains("label-trust.pem");
    assertThat(Files.readAllLines(out.resolve("index.csv"))).containsExactly("passport,file,signed",
        "(01)09521234000020(21)BK36-0000101,labels/09521234000020_BK36-0000101.pdf,true",
        "(01)09521234000020(21)BK36-0000102,labels/09521234000020_BK36-0000102.pdf,true");
    LabelVerifier verifier = LabelVerifier.of(TrustStore.certificates(out.resolve("label-trust.pem")), List.of(),
        Clock.systemUTC());
    for (String serial : List.of("BK36-0000101", "BK36-0000102")) {
      String text = decodePdf(out.resolve("labels/09521234000020_" + serial + ".pdf"));
      assertThat(text).startsWith("https://id.voltaris.example/01/09521234000020/21/" + serial + "#PP1.");
      LabelVerdict verdict = verifier.verify(text);
      assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(LabelVerdict.Outcome.VERIFIED);
      assertThat(verdict.facts().orElseThrow().stateOfHealthCpct()).isEmpty();
    }
  }

  @Test
  void on_small_labels_auto_falls_back_to_the_link_and_says_so_while_kid_is_refused_with_the_limit() throws Exception {
    Cli.Result auto = label("--out", tmp.resolve("small").toString(), "--layout", "50x30", "--format", "png");
    assertThat(auto.exit()).as(auto.toString()).isZero();
    assertThat(auto.err()).contains("a signed label does not fit").contains("at most version 8 fits")
        .contains("the QR codes carry the Digital Link only");
    assertThat(auto.out()).contains("link only");

    Cli.Result kid = label("--out", tmp.resolve("small-kid").toString(), "--layout", "50x30", "--signature", "kid");
    assertThat(kid.exit()).isEqualTo(2);
    assertThat(kid.err().strip()).contains("QR code too large for the 50x30 layout at 203 dpi").contains("--signature none")
        .doesNotContain("\n");
    assertThat(tmp.resolve("small-kid")).doesNotExist();
  }

  @Test
  void print_appends_every_labels_zpl_job_to_the_printer_in_order() throws Exception {
    Path spool = tmp.resolve("spool.zpl");
    Cli.Result run = label("--out", tmp.resolve("zpl").toString(), "--format", "zpl", "--print", "--printer",
        "file:" + spool);
    assertThat(run.exit()).as(run.toString()).isZero();
    String jobs = Files.readString(spool);
    assertThat(jobs.split("\\^XA", -1)).hasSize(3);
    assertThat(jobs.indexOf("BK36-0000101")).isLessThan(jobs.indexOf("BK36-0000102"));
    assertThat(run.out()).contains("printed 2 label(s) on file:" + spool);
  }

  @Test
  void a_births_directory_without_an_index_is_named_in_one_line() {
    Cli.Result run = Cli.run("label", "--dir", ca.toString(), "--passphrase-file", pass.toString(), "--births",
        tmp.toString(), "--out", tmp.resolve("x").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("index.csv").contains("output directory of 'provision passport create'");
  }

  private static String decodePdf(Path pdf) throws Exception {
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 203, ImageType.GRAY);
      int w = image.getWidth();
      int h = image.getHeight();
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h,
          image.getRGB(0, 0, w, h, null, 0, w)))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
  }
}

package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.packpass.agent.AgentCommand;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.agent.records.PassportLog;
import io.packpass.core.label.LabelCode;
import io.packpass.core.label.LabelVerdict;
import io.packpass.core.label.LabelVerifier;
import io.packpass.core.sample.SamplePassports;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent label} on a provisioned pack whose journal holds a signed reading. */
class AgentLabelTest {
  private static final Instant READ = Instant.parse("2026-06-01T10:00:00Z");

  @TempDir
  Path dir;

  private TestBundle bundle;

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = AgentCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @BeforeEach
  void packWithAReading() throws Exception {
    bundle = new TestBundle(dir, "sim-lmt");
    AgentConfig config = new AgentConfigLoader().load(bundle.config());
    DeviceIdentity identity = DeviceIdentity.load(config.privateKey(), config.certificate(), config.trustAnchors(),
        config.crl(), config.passport(), READ);
    try (Journal journal = Journal.open(config.journal().dir(), JournalOptions.DEFAULT.withFsync(false))) {
      PassportLog log = PassportLog.open(journal, identity, bundle.birth, Clock.fixed(READ, ZoneOffset.UTC));
      log.appendReading(SamplePassports.evReading(READ, 9_412, 120), Optional.empty());
    }
  }

  private LabelVerdict verify(String text, List<java.security.cert.X509Certificate> trust) {
    return LabelVerifier.of(trust, List.of(), Clock.systemUTC()).verify(text);
  }

  @Test
  void the_png_label_carries_the_latest_state_of_health_signed_by_the_device_key() throws Exception {
    Path png = dir.resolve("label.png");
    Run run = run("label", "--config", bundle.config().toString(), "--out", png.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote " + png).contains("signed, key id only");
    assertThat(run.err()).contains("the device certificate does not fit a 100x50 label at 203 dpi");
    String text = decode(ImageIO.read(png.toFile()));
    assertThat(LabelCode.parse(text).link().format()).isEqualTo(bundle.passport.digitalLink(SamplePassports.RESOLVER));
    // Key id only: verifiable with a trust file that holds the device certificate.
    LabelVerdict verdict = verify(text, List.of(bundle.ca.rootCertificate(), bundle.ca.issuingCertificate(),
        bundle.device.certificate()));
    assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(LabelVerdict.Outcome.VERIFIED);
    assertThat(verdict.facts().orElseThrow().stateOfHealthCpct()).hasValue(9_412L);
    assertThat(verdict.facts().orElseThrow().modelName()).isEqualTo("Voltaris Bike 48/14");
  }

  @Test
  void with_error_correction_l_at_300_dpi_the_device_certificate_rides_along_and_the_root_and_issuing_ca_suffice()
      throws Exception {
    Path png = dir.resolve("label.png");
    Run run = run("label", "--config", bundle.config().toString(), "--out", png.toString(), "--dpi", "300", "--ec", "L",
        "--signature", "certificate");
    assertThat(run.exit()).as(run.err()).isZero();
    LabelVerdict verdict = verify(decode(ImageIO.read(png.toFile())), List.of(bundle.ca.rootCertificate(),
        bundle.ca.issuingCertificate()));
    assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(LabelVerdict.Outcome.VERIFIED);
    assertThat(verdict.reason()).contains("the pack's device key");
  }

  @Test
  void asking_for_the_certificate_where_it_cannot_fit_is_refused_with_the_limit() {
    Run run = run("label", "--config", bundle.config().toString(), "--out", dir.resolve("l.png").toString(),
        "--signature", "certificate");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("packpass agent: QR code too large for the 100x50 layout at 203 dpi")
        .contains("at most version").doesNotContain("\n");
    assertThat(dir.resolve("l.png")).doesNotExist();
  }

  @Test
  void print_sends_the_zpl_job_to_a_raw_tcp_printer() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          in.transferTo(out);
          return out.toByteArray();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Run run = run("label", "--config", bundle.config().toString(), "--print", "--printer",
          "tcp://127.0.0.1:" + server.getLocalPort() + "?status=off", "--layout", "50x30");
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("printed on tcp://127.0.0.1:" + server.getLocalPort());
      assertThat(run.err()).contains("a signature does not fit a 50x30 label at 203 dpi");
      String zpl = new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
      assertThat(zpl).startsWith("^XA").endsWith("^XZ\n").contains("^PW400")
          .contains("^FDQA," + bundle.passport.digitalLink(SamplePassports.RESOLVER) + "^FS")
          .contains("SOH 94.1 % (2026-06-01)");
    }
  }

  @Test
  void a_printer_that_stays_off_is_reported_in_one_line_not_a_crash() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Files.writeString(bundle.config(), Files.readString(bundle.config()) + "label:\n  printer: file:" + dir.resolve("x")
        + "/missing/lp0\n");
    Run run = run("label", "--config", bundle.config().toString(), "--print");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("printer: cannot write").doesNotContain("Exception");
    assertThat(port).isPositive();
  }

  private static String decode(BufferedImage image) throws Exception {
    int w = image.getWidth();
    int h = image.getHeight();
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h,
        image.getRGB(0, 0, w, h, null, 0, w))));
    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
  }
}

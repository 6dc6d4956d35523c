package io.packpass.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.packpass.core.passport.Quantity;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour end to end, as a newcomer runs it: three packs provisioned, months of readings signed,
 * collected and synced, labels printed, graded and recorded; then what the registry shows while it
 * keeps running, and what the directory holds afterwards.
 */
class TourTest {
  @TempDir
  Path dir;

  @Test
  void the_tour_ends_with_every_pack_graded_and_its_decision_in_the_registry() throws Exception {
    StringWriter printed = new StringWriter();
    List<Tour.Row> rows;
    try (Tour tour = new Tour(new Tour.Options(dir, 2, 0, true), new PrintWriter(printed, true))) {
      rows = tour.run();
      assertThat(rows).hasSize(3).allSatisfy(r -> {
        assertThat(r.outcome()).isEqualTo("recorded");
        assertThat(r.grading()).isPresent();
        assertThat(r.soh()).as(r.pack() + " SOH").isPresent();
      });
      assertThat(rows.get(0).flags()).as("the EV pack was left deeply discharged").contains("deep-discharge");
      assertThat(rows.get(1).flags()).as("the LMT pack spent hours in a hot car").contains("over-temperature");

      Tour.Row ev = rows.get(0);
      HttpResponse<String> anonymous = get(ev.page(), "text/html", false);
      assertThat(anonymous.statusCode()).isEqualTo(200);
      assertThat(anonymous.body()).contains(ev.pack().model.modelName())
          .as("the state of health is for legitimate interest only")
          .doesNotContain(Quantity.STATE_OF_HEALTH.format(ev.soh().orElseThrow().value()));
      HttpResponse<String> decisions = get(ev.page(), "application/json", true);
      assertThat(decisions.statusCode()).isEqualTo(200);
      assertThat(decisions.body()).contains(ev.grading().orElseThrow().route().name())
          .contains("Grace Grader");
    }
    String out = printed.toString();
    assertThat(out).contains("1. The manufacturer", "8. Summary", "0 quarantined", "rejected BAD_SIGNATURE")
        .containsPattern("registry: holds ([0-9,]+) of the \\1 updates");

    for (String pack : List.of("ev", "lmt", "stationary")) {
      String qr = Files.readString(dir.resolve("labels/" + pack + ".txt")).strip();
      assertThat(decode(dir.resolve("labels/" + pack + ".png"))).isEqualTo(qr);
      assertThat(Files.readString(dir.resolve("labels/" + pack + ".zpl"))).startsWith("^XA").contains("^XZ");
      assertThat(dir.resolve("packs/" + pack + "/journal")).isDirectoryContaining(p -> true);
    }
    for (Path secret : List.of(dir.resolve("secrets/ca.pass"), dir.resolve("secrets/role.pass"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
      assertThat(out).doesNotContain(Files.readString(secret).strip());
    }
  }

  private HttpResponse<String> get(String url, String accept, boolean asGrader) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("registry/tls.pem"))) {
      trust.setCertificateEntry("registry", (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = null;
    if (asGrader) {
      char[] passphrase = Files.readString(dir.resolve("secrets/role.pass")).strip().toCharArray();
      KeyStore grader = KeyStore.getInstance("PKCS12");
      try (Stream<Path> roles = Files.list(dir.resolve("roles"));
          InputStream in = Files.newInputStream(roles.filter(p -> p.getFileName().toString().startsWith("grader-")
              && p.toString().endsWith(".p12")).findFirst().orElseThrow())) {
        grader.load(in, passphrase);
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(grader, passphrase);
    }
    tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String decode(Path png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
  }
}

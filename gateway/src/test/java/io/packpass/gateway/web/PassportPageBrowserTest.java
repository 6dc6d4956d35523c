package io.packpass.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.packpass.agent.coap.InMemoryPassportSource;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Role;
import io.packpass.core.passport.Route;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.gateway.registry.LogEntry;
import io.packpass.gateway.registry.LogKind;
import io.packpass.gateway.testing.RegistryFixture;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.token.BearerTokens;
import io.packpass.label.LabelContent;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Labels;
import io.packpass.label.Layout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The passport page in a real browser (Debian's headless Chromium driven by Selenium): the QR code of
 * the pack's label is decoded, its page opened as anonymous, then after signing in with a grader's
 * token; sections, chart and decision are checked, phone width included; screenshots go to target/.
 */
@Tag("interop")
class PassportPageBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  @TempDir
  Path dir;

  private static WebDriver browser() {
    assertThat(CHROMIUM).as("Debian chromium (apt-get install chromium chromium-driver; .ci/run does)").exists();
    assertThat(DRIVER).as("Debian chromium-driver").exists();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-extensions", "--no-first-run",
        "--ignore-certificate-errors", "--window-size=1200,2400", "--lang=en");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  /** The text a phone camera reads from the pack's printed label. */
  private static String scanLabel(Passport passport) throws Exception {
    byte[] png = new Labels().render(LabelContent.unsigned(DigitalLink.of(RegistryFixture.RESOLVER, passport.id()),
        passport), LabelSpec.of(Layout.L100X50, 300), LabelFormat.PNG);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
        image.getHeight(), pixels)))).getText();
  }

  private static void screenshot(WebDriver browser, String name) throws Exception {
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.write(target, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void the_page_opened_from_the_qr_code_shows_public_facts_to_anyone_and_the_rest_to_a_signed_in_grader()
      throws Exception {
    try (RegistryFixture registry = RegistryFixture.start(dir, Optional.empty(), "")) {
      TestPack pack = registry.pki.pack();
      List<SignedUpdate> chain = pack.upTo(24);
      registry.sync(chain);
      // a grading decision resting on a fresh reading, as 'gateway grade' records it
      InMemoryPassportSource agent = new InMemoryPassportSource(pack.birth(), pack.device, Clock.systemUTC(),
          t -> SamplePassports.evReading(t, 9_400, 123));
      chain.subList(1, chain.size()).forEach(agent::append);
      byte[] nonce = new byte[16];
      new SecureRandom().nextBytes(nonce);
      SignedUpdate fresh = SignedUpdate.parse(agent.fresh(nonce));
      Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Decision d = new Decision(Route.REUSE, "A", List.of(new Decision.Reason("soh-band",
          "state of health 94.00 %: band from 90.00 %, reuse grade A")), "packpass-grading/2026.1",
          registry.subject(Role.GRADER), t, Optional.of(9_400L));
      LogEntry entry = LogEntry.sign(registry.signer(Role.GRADER), new LogEntry.Payload(pack.id, 0, LogEntry.genesis(),
          t, LogKind.DECISION, UpdateBody.decision(d), fresh.payload().seq(), fresh.hash(),
          Optional.of(fresh.encoded()), Optional.empty()));
      assertThat(registry.post("/api/v1/passports" + RegistryFixture.path(pack.id) + "/log", Optional.of(Role.GRADER),
          "application/cose", entry.encoded()).statusCode()).isEqualTo(201);

      String scanned = scanLabel(Passport.decode(registry.get("/api/v1/passports" + RegistryFixture.path(pack.id),
          Optional.empty(), "Accept", "application/cbor").body()));
      assertThat(scanned).startsWith(RegistryFixture.RESOLVER + "/01/");
      String url = registry.base() + scanned.substring(RegistryFixture.RESOLVER.length());

      WebDriver browser = browser();
      try {
        browser.get(url);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Voltaris EV75");
        assertThat(browser.findElement(By.id("public")).getText()).contains("Li-ion NMC", "450.0 kg", "ABC powder",
            "Lithium hexafluorophosphate");
        for (String gated : List.of("composition", "dismantling", "safety", "condition", "history", "decisions")) {
          assertThat(browser.findElement(By.id(gated)).getText()).as(gated).contains("Restricted");
        }
        assertThat(browser.findElements(By.cssSelector("svg.chart"))).isEmpty();
        assertThat(browser.findElement(By.id("viewer")).getText()).contains("public view");
        accessible(browser);
        screenshot(browser, "registry-page-anonymous.png");

        String token = BearerTokens.issue(registry.signer(Role.GRADER), RegistryFixture.RESOLVER, Instant.now(),
            Duration.ofMinutes(15), new SecureRandom());
        // A click returns once the event is dispatched, not once the page it leads to has loaded: on a busy machine
        // the sign-in page was still showing when the address was read (CI, stop 14). So each step waits for its page.
        WebDriverWait loaded = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.findElement(By.linkText("Sign in")).click();
        loaded.until(ExpectedConditions.presenceOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        loaded.withMessage(() -> "after signing in, the page says: " + browser.findElement(By.tagName("body")).getText())
            .until(ExpectedConditions.urlToBe(url));
        assertThat(browser.findElement(By.id("viewer")).getText()).contains("grader view");
        assertThat(browser.findElement(By.id("composition")).getText()).contains("NMC 811 cathode active material");
        assertThat(browser.findElement(By.id("dismantling")).getText()).contains("dismantling-manual.pdf");
        assertThat(browser.findElement(By.id("safety")).getText()).contains("Disconnect the service plug");
        assertThat(browser.findElement(By.id("condition")).getText()).contains("State of health");
        WebElement chart = browser.findElement(By.cssSelector("svg.chart"));
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(chart.findElements(By.cssSelector("circle.soh-mark"))).isNotEmpty();
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("Route: reuse, grade A", "soh-band");
        accessible(browser);
        screenshot(browser, "registry-page-grader.png");
        Files.write(Path.of("target", "registry-page-history.png"),
            browser.findElement(By.id("history")).getScreenshotAs(OutputType.BYTES));
        Number labelWidth = (Number) ((JavascriptExecutor) browser).executeScript(
            "return document.querySelector('img.label').naturalWidth;");
        assertThat(labelWidth.intValue()).as("the label preview loaded").isPositive();

        browser.manage().window().setSize(new Dimension(390, 844));
        Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        screenshot(browser, "registry-page-phone.png");
      } finally {
        browser.quit();
      }
    }
  }

  /** Labels and text alternatives: the document's language, every image's alt text, the chart's title. */
  private static void accessible(WebDriver browser) {
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    for (WebElement img : browser.findElements(By.tagName("img"))) {
      assertThat(img.getAttribute("alt")).isNotBlank();
    }
    for (WebElement section : browser.findElements(By.cssSelector("section[aria-labelledby]"))) {
      assertThat(browser.findElements(By.id(section.getAttribute("aria-labelledby")))).hasSize(1);
    }
    Boolean labelled = (Boolean) ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('textarea,input:not([type=hidden])')].every(e => e.labels && e.labels.length > 0);");
    assertThat(labelled).isTrue();
  }
}

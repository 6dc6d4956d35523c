package io.packpass.cli;

import io.packpass.core.label.Hazard;
import io.packpass.core.label.LabelCode;
import io.packpass.core.label.LabelFacts;
import io.packpass.core.label.LabelVerdict;
import io.packpass.core.label.LabelVerifier;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks a scanned battery label with no network: the facts its QR code carries are printed only when
 * the signature verifies with a key the manufacturer's trust file vouches for; otherwise one line
 * says exactly why they cannot be trusted.
 */
@Command(name = "verify-label", mixinStandardHelpOptions = true,
    description = {"Verify a scanned battery label offline: the signature in its QR code (GS1 Digital Link with",
        "#PP1.<signature>) against the manufacturer's trust file, and print the facts it proves."},
    footer = {"", "Exit codes: 0 verified; 1 the label cannot be trusted (the line says why); 2 bad usage or an",
        "unreadable trust file; 3 internal error.", "", "Examples:",
        "  packpass verify-label \"https://id.voltaris.example/01/09521234000013/21/EV75-000123#PP1.2GCF...\" \\",
        "      --trust label-trust.pem",
        "  zbarimg --raw -q label.png | packpass verify-label - --trust label-trust.pem"})
public final class VerifyLabelCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TEXT", description = "The scanned text, or - to read one line from standard input.")
  String text;

  @Option(names = "--trust", paramLabel = "PEM", required = true,
      description = "The manufacturer's trust file: its root certificate, and the issuing CA and passport-signer"
          + " certificates it publishes for labels. Repeatable.")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "PEM", description = "The manufacturer's revocation list, if you have it.")
  Optional<Path> crl = Optional.empty();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    String scanned = text.equals("-") ? readStandardInput() : text;
    List<X509Certificate> certificates = new ArrayList<>();
    List<X509CRL> crls = new ArrayList<>();
    LabelVerifier verifier;
    try {
      trust.forEach(file -> certificates.addAll(TrustStore.certificates(file)));
      crl.ifPresent(file -> crls.addAll(TrustStore.load(trust.get(0), Optional.of(file)).crls()));
      verifier = LabelVerifier.of(certificates, crls, Clock.systemUTC());
    } catch (TrustException e) {
      throw new UserException(e.getMessage(), e);
    }
    LabelVerdict verdict = verifier.verify(scanned);
    if (!verdict.outcome().isVerified()) {
      o.printf("label NOT verified: %s: %s%n", verdict.outcome(), verdict.reason());
      o.flush();
      return PackPassCommand.REJECTED;
    }
    LabelFacts f = verdict.facts().orElseThrow();
    o.printf("label VERIFIED: %s%n", verdict.reason());
    row(o, "passport", verdict.passport().orElseThrow().elementString());
    row(o, "link", LabelCode.parse(scanned).link().format());
    row(o, "model", f.modelName());
    row(o, "category", f.category().label());
    row(o, "chemistry", f.chemistry().label());
    row(o, "rated capacity", String.format(Locale.ROOT, "%.3f Ah", f.ratedCapacityMah() / 1000.0).replaceAll("\\.?0+ Ah$", " Ah"));
    row(o, "mass", String.format(Locale.ROOT, "%.3f kg", f.massGrams() / 1000.0).replaceAll("\\.?0+ kg$", " kg"));
    row(o, "hazardous", f.hazards().contains(Hazard.OTHER_HAZARDOUS_SUBSTANCES)
        ? "hazardous substances other than Hg, Cd, Pb are present" : "none declared besides Hg, Cd, Pb");
    row(o, "cadmium / lead", (f.hazards().contains(Hazard.CADMIUM_MARK) ? "Cd above 0.002 %" : "Cd not above 0.002 %")
        + ", " + (f.hazards().contains(Hazard.LEAD_MARK) ? "Pb above 0.004 %" : "Pb not above 0.004 %"));
    row(o, "extinguish with", f.extinguishingAgents().isEmpty() ? "(not stated)" : String.join(", ", f.extinguishingAgents()));
    row(o, "state of health", f.stateOfHealthCpct()
        .map(s -> String.format(Locale.ROOT, "%d.%02d %% at print time", s / 100, s % 100)).orElse("(not measured when printed)"));
    row(o, "printed", f.time().toString());
    o.flush();
    return 0;
  }

  private static void row(PrintWriter o, String name, String value) {
    o.printf("  %-16s %s%n", name, value);
  }

  /** One line of at most {@link LabelCode#MAX_TEXT} characters (a scanner or zbarimg ends it with a newline or EOF). */
  private static String readStandardInput() {
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (line.length() > LabelCode.MAX_TEXT) {
          throw new UserException("standard input: the line is longer than " + LabelCode.MAX_TEXT
              + " characters, no label's text");
        }
        line.append((char) c);
      }
      if (c < 0 && line.length() == 0) {
        throw new UserException("nothing on standard input: pipe the scanned text in, e.g. zbarimg --raw -q label.png |");
      }
      return line.toString();
    } catch (IOException e) {
      throw new UserException("cannot read standard input: " + e.getMessage(), e);
    }
  }
}

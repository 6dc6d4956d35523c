package io.packpass.provisioning;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.label.ErrorCorrection;
import io.packpass.label.LabelException;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Layout;
import io.packpass.label.print.Printer;
import io.packpass.label.print.PrinterException;
import io.packpass.label.print.Printers;
import io.packpass.label.print.RetryingPrinter;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import io.packpass.provisioning.batch.LabelBatch;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.CertificateText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision label}: the first label of every pack of a batch of birth records. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Make the first label of every pack in BIRTHS (the output of 'passport create'), into a new",
        "directory OUT, atomically: QR code with the Digital Link and a signature by the passport signer,",
        "Annex VI Part A text, separate-collection symbol. OUT/label-trust.pem is the file to publish for",
        "'packpass verify-label'. With --print each label also goes to the printer, in order."},
    footer = {"", "Examples:",
        "  packpass provision label --dir ca --passphrase-file ca.pass --births births --out labels-2026-03",
        "  packpass provision label --dir ca --passphrase-file ca.pass --births births --out labels \\",
        "      --layout 50x30 --dpi 300 --format zpl --print --printer tcp://192.0.2.10:9100"})
public final class LabelCommand implements Callable<Integer> {
  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory (from ca init).")
  Path dir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--births", required = true, paramLabel = "BIRTHS", description = "Output of 'passport create'.")
  Path births;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "New directory for the labels.")
  Path out;

  @Option(names = "--layout", defaultValue = "100x50", paramLabel = "LAYOUT", description = "100x50 or 50x30 (default: ${DEFAULT-VALUE}).")
  String layout;

  @Option(names = "--dpi", defaultValue = "203", paramLabel = "DPI", description = "Printer resolution (default: ${DEFAULT-VALUE}).")
  int dpi;

  @Option(names = "--ec", defaultValue = "Q", paramLabel = "LEVEL", description = "QR error correction L, M, Q or H (default: ${DEFAULT-VALUE}).")
  String errorCorrection;

  @Option(names = "--format", defaultValue = "pdf", paramLabel = "FORMAT", description = "png, svg, pdf or zpl (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--signature", defaultValue = "auto", paramLabel = "MODE",
      description = "kid (signed, key id only), none (link only) or auto (kid where it fits the layout; default).")
  String signature;

  @Option(names = "--zpl-qr", defaultValue = "auto", paramLabel = "MODE", description = "ZPL QR code: native, graphic or auto (default).")
  String zplQr;

  @Option(names = "--print", description = "Also print each label (ZPL) on --printer.")
  boolean print;

  @Option(names = "--printer", paramLabel = "SPEC", description = "tcp://HOST[:PORT][?status=off], file:/dev/usb/lp0 or file:PATH.")
  String printer;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final Clock clock;

  public LabelCommand() {
    this(Clock.systemUTC());
  }

  LabelCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LabelSpec labelSpec;
    LabelFormat labelFormat;
    QrMode qrMode;
    try {
      labelSpec = new LabelSpec(Layout.parse(layout), dpi, ErrorCorrection.parse(errorCorrection));
      labelFormat = LabelFormat.of(Path.of("label." + format.toLowerCase(Locale.ROOT)));
      qrMode = QrMode.valueOf(zplQr.toUpperCase(Locale.ROOT));
    } catch (LabelException e) {
      throw new ProvisioningException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ProvisioningException("--zpl-qr: unknown value '" + zplQr + "'; expected native, graphic or auto");
    }
    String mode = signature.toLowerCase(Locale.ROOT);
    if (!List.of("auto", "kid", "none").contains(mode)) {
      throw new ProvisioningException("--signature: unknown value '" + signature + "'; expected auto, kid or none");
    }
    Optional<Printer> target = Optional.empty();
    if (print) {
      if (printer == null) {
        throw new ProvisioningException("--print needs --printer SPEC");
      }
      try {
        target = Optional.of(Printers.open(printer));
      } catch (PrinterException e) {
        throw new ProvisioningException(e.getMessage());
      }
    }
    List<DigitalLink> links = LabelBatch.links(births);
    CaStore store = passphrase.openCa(dir);
    SoftwareSigner signer = store.passportSigner();
    String trust = CertificateText.pem(List.of(store.rootCertificate(), store.issuingCertificate(),
        store.passportSignerCertificate()));
    LabelBatch.Options options = new LabelBatch.Options(labelSpec, labelFormat, qrMode,
        LabelBatch.Signature.valueOf(mode.toUpperCase(Locale.ROOT)), print);
    List<LabelBatch.Made> made = LabelBatch.write(births, links, signer, store.passportSignerCertificate(), trust, options,
        clock, out, new ProgressBar(err, System.console() != null, clock)::advanced, notice -> {
          err.println("packpass provision: " + notice);
          err.flush();
        });
    o.printf("made %d label(s) (%s, %s at %d dpi, %s) into %s; publish %s for verify-label%n", made.size(),
        labelFormat.extension(), labelSpec.layout(), labelSpec.dpi(), made.get(0).signed() ? "signed" : "link only", out,
        out.resolve("label-trust.pem"));
    if (target.isPresent()) {
      Printer retrying = RetryingPrinter.withDefaults(target.get(), (problem, next, attempts, wait) -> {
        err.println("packpass provision: " + RetryingPrinter.Listener.line(problem, next, attempts, wait));
        err.flush();
      });
      for (int i = 0; i < made.size(); i++) {
        try {
          retrying.send(made.get(i).zpl());
        } catch (PrinterException e) {
          throw new ProvisioningException("printed " + i + " of " + made.size() + " label(s); stopped at "
              + made.get(i).link().id() + ": " + e.getMessage() + " (the labels are in " + out + ")");
        }
      }
      o.printf("printed %d label(s) on %s%n", made.size(), target.get().describe());
    }
    o.flush();
    return 0;
  }
}

package io.packpass.agent.cli;

import io.packpass.agent.AgentCommand;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalException;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.passport.Passport;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.label.ErrorCorrection;
import io.packpass.label.LabelContent;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Labels;
import io.packpass.label.Layout;
import io.packpass.label.QrTooLargeException;
import io.packpass.label.print.Printer;
import io.packpass.label.print.Printers;
import io.packpass.label.print.RetryingPrinter;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent label}: this pack's battery label, with the state of health of its latest signed
 * reading, signed by the device key so a dismantler can check it offline.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Make this pack's label: GS1 Digital Link QR code (error correction Q), Annex VI Part A text, the",
        "separate-collection symbol, and the state of health of the latest reading in the journal. The QR",
        "code carries a signature by the device key (--signature) that 'packpass verify-label' checks offline.",
        "Writes PNG, SVG, PDF or ZPL (by the --out extension) and/or prints ZPL on the configured printer."},
    footer = {"", "Signature: auto (default) carries the device certificate when the code still fits the layout",
        "(verifiable with the manufacturer's root and issuing CA), else the key id only (verifiable with a",
        "trust file holding the device certificate), else none; the choice is reported on stderr.", "",
        "Examples:",
        "  ./packpass agent label --config bundle/agent.yaml --out label.png",
        "  ./packpass agent label --config bundle/agent.yaml --layout 50x30 --dpi 300 --out small.pdf",
        "  ./packpass agent label --config bundle/agent.yaml --print            # label.printer of agent.yaml",
        "  ./packpass agent label --config bundle/agent.yaml --print --printer tcp://192.0.2.10:9100"})
public final class LabelCommand implements Callable<Integer> {
  /** What the QR code carries besides the link. */
  enum Signature {
    AUTO, NONE, KID, CERTIFICATE
  }

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent.yaml.")
  Path config;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the label here: .png, .svg, .pdf or .zpl.")
  Path out;

  @Option(names = "--print", description = "Print the label (ZPL) on the printer.")
  boolean print;

  @Option(names = "--printer", paramLabel = "SPEC",
      description = "tcp://HOST[:PORT][?status=off], file:/dev/usb/lp0 or file:PATH (default: label.printer of agent.yaml).")
  String printer;

  @Option(names = "--layout", paramLabel = "LAYOUT", description = "100x50 or 50x30 (default: label.layout, else 100x50).")
  String layout;

  @Option(names = "--dpi", paramLabel = "DPI", description = "Printer resolution, e.g. 203 or 300 (default: label.dpi, else 203).")
  Integer dpi;

  @Option(names = "--ec", paramLabel = "LEVEL", defaultValue = "Q",
      description = "QR error correction L, M, Q or H (default: ${DEFAULT-VALUE}).")
  String errorCorrection;

  @Option(names = "--signature", paramLabel = "MODE", defaultValue = "auto",
      description = "auto, none, kid or certificate (default: ${DEFAULT-VALUE}).")
  String signature;

  @Option(names = "--zpl-qr", paramLabel = "MODE", defaultValue = "auto",
      description = "ZPL QR code: native (^BQN), graphic (^GFA) or auto (native when it fits; default).")
  String zplQr;

  @Spec
  CommandSpec spec;

  private final Clock clock;

  public LabelCommand() {
    this(Clock.systemUTC());
  }

  LabelCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (out == null && !print) {
      throw new AgentException("nothing to do: give --out FILE, --print, or both");
    }
    Signature mode = parse(Signature.class, signature, "--signature");
    QrMode qrMode = parse(QrMode.class, zplQr, "--zpl-qr");
    AgentConfig c = new AgentConfigLoader().load(config);
    LabelSpec labelSpec = new LabelSpec(layout == null ? c.label().layout() : Layout.parse(layout),
        dpi == null ? c.label().dpi() : dpi, ErrorCorrection.parse(errorCorrection));
    Optional<Printer> target = print ? Optional.of(printer(c)) : Optional.empty();

    DeviceIdentity identity = DeviceIdentity.load(c.privateKey(), c.certificate(), c.trustAnchors(), c.crl(),
        c.passport(), clock.instant());
    PrintWriter err = spec.commandLine().getErr();
    Passport passport = passport(c, identity, err);
    DigitalLink link = DigitalLink.parse(c.digitalLink());
    Labels labels = new Labels();

    List<LabelFormat> formats = out == null ? List.of(LabelFormat.ZPL)
        : print && LabelFormat.of(out) != LabelFormat.ZPL ? List.of(LabelFormat.of(out), LabelFormat.ZPL)
        : List.of(LabelFormat.of(out));
    LabelContent content = choose(mode, labels, link, passport, identity, labelSpec, formats, qrMode, err);
    PrintWriter o = spec.commandLine().getOut();
    if (out != null) {
      writeWhole(out, labels.render(content, labelSpec, LabelFormat.of(out), qrMode));
      o.printf("wrote %s (%s, %s at %d dpi, QR: %s)%n", out, passport.id(), labelSpec.layout(), labelSpec.dpi(),
          describe(content));
    }
    if (target.isPresent()) {
      byte[] job = labels.render(content, labelSpec, LabelFormat.ZPL, qrMode);
      RetryingPrinter.withDefaults(target.get(), (problem, next, attempts, wait) -> {
        err.println(AgentCommand.PREFIX + RetryingPrinter.Listener.line(problem, next, attempts, wait));
        err.flush();
      }).send(job);
      o.printf("printed on %s (%d bytes of ZPL)%n", target.get().describe(), job.length);
    }
    o.flush();
    return 0;
  }

  /** The file is replaced whole or not at all: a temporary sibling renamed over it. */
  private static void writeWhole(Path file, byte[] bytes) {
    Path absolute = file.toAbsolutePath();
    Path temp = null;
    try {
      temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
      Files.write(temp, bytes);
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AgentException("--out " + file + ": " + e.getMessage());
    } finally {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException ignored) {
        // renamed already, or gone
      }
    }
  }

  private Printer printer(AgentConfig c) {
    String chosen = printer != null ? printer : c.label().printer().orElseThrow(() -> new AgentException(
        "--print: no printer: set label.printer in " + config.getFileName() + " or give --printer SPEC"));
    return Printers.open(chosen);
  }

  /**
   * The passport as the journal has it (the latest reading gives the state of health); the birth record
   * alone when there is no journal yet, or the running agent holds it.
   */
  private static Passport passport(AgentConfig c, DeviceIdentity identity, PrintWriter err) {
    SignedUpdate birth;
    try {
      birth = SignedUpdate.parse(Files.readAllBytes(c.birthRecord()));
    } catch (NoSuchFileException e) {
      throw new AgentException(c.birthRecord() + ": no such file (birthRecord in " + c.source().getFileName() + ")");
    } catch (IOException e) {
      throw new AgentException(c.birthRecord() + ": " + e.getMessage());
    } catch (UpdateFormatException e) {
      throw new AgentException(c.birthRecord() + ": not a signed birth record: " + e.getMessage());
    }
    identity.verifyBirth(birth);
    Passport born = UpdateBody.apply(Optional.empty(), birth.payload());
    if (!Files.isDirectory(c.journal().dir())) {
      return born;
    }
    try (Journal journal = Journal.open(c.journal().dir(), JournalOptions.DEFAULT)) {
      Optional<Passport> current = Optional.empty();
      for (byte[] bytes : journal.since(-1, Integer.MAX_VALUE)) {
        current = Optional.of(UpdateBody.apply(current, SignedUpdate.parse(bytes).payload()));
      }
      if (current.isPresent() && !current.get().id().equals(born.id())) {
        throw new AgentException("the journal " + c.journal().dir() + " is of " + current.get().id() + ", not of "
            + born.id());
      }
      return current.orElse(born);
    } catch (JournalException e) {
      if (e.kind() != JournalException.Kind.LOCKED) {
        throw e;
      }
      err.println(AgentCommand.PREFIX + "the running agent holds the journal; this label shows the"
          + " birth record's facts without a state of health (stop the agent to include its latest reading)");
      err.flush();
      return born;
    }
  }

  /** The content for the signature mode; AUTO takes the most the layout holds, for every format asked. */
  private LabelContent choose(Signature mode, Labels labels, DigitalLink link, Passport passport, DeviceIdentity identity,
      LabelSpec labelSpec, List<LabelFormat> formats, QrMode qrMode, PrintWriter err) {
    byte[] certificate;
    try {
      certificate = identity.chain().get(0).getEncoded();
    } catch (CertificateEncodingException e) {
      throw new AgentException("cannot encode the device certificate: " + e.getMessage());
    }
    LabelContent withCertificate = LabelContent.signed(link, passport, identity.signer(), Optional.of(certificate),
        clock.instant());
    LabelContent kidOnly = LabelContent.signed(link, passport, identity.signer(), Optional.empty(), clock.instant());
    LabelContent unsigned = LabelContent.unsigned(link, passport);
    switch (mode) {
      case NONE:
        return unsigned;
      case KID:
        return kidOnly;
      case CERTIFICATE:
        return withCertificate;
      default:
        for (LabelContent candidate : List.of(withCertificate, kidOnly)) {
          try {
            formats.forEach(f -> labels.layout(candidate, labelSpec, f, qrMode));
            if (candidate != withCertificate) {
              err.println(AgentCommand.PREFIX + "the device certificate does not fit a " + labelSpec.layout()
                  + " label at " + labelSpec.dpi() + " dpi; the QR code carries the key id only (verifiable with a trust"
                  + " file that holds the device certificate)");
            }
            return candidate;
          } catch (QrTooLargeException tooLarge) {
            // try the next, smaller payload
          }
        }
        err.println(AgentCommand.PREFIX + "a signature does not fit a " + labelSpec.layout() + " label at "
            + labelSpec.dpi() + " dpi; the QR code carries the Digital Link only");
        err.flush();
        return unsigned;
    }
  }

  private static String describe(LabelContent content) {
    return content.signature().map(s -> s.certificate().isPresent() ? "signed, with the device certificate"
        : "signed, key id only").orElse("link only");
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AgentException(option + ": unknown value '" + text + "'");
    }
  }
}

package io.packpass.provisioning;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.provisioning.batch.BirthRecordBatch;
import io.packpass.provisioning.batch.ItemsFile;
import io.packpass.provisioning.batch.ModelFile;
import io.packpass.provisioning.ca.CaStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision passport create}: birth records for a batch of packs, signed by the CA's passport signer. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Sign the birth record of every pack in ITEMS (CSV) of the model in MODEL (YAML), into a new",
        "directory OUT, atomically. Any bad row: nothing is written (exit 2), unless --skip-invalid."},
    footer = {"", "Example:",
        "  packpass provision passport create --dir ca --passphrase-file ca.pass \\",
        "      --model docs/examples/ev-nmc811-75kwh.yaml --items docs/examples/ev-nmc811-75kwh.items.csv \\",
        "      --resolver https://id.voltaris.example --out births"})
public final class PassportCreateCommand implements Callable<Integer> {
  /** Rejected rows listed on the terminal before "see rejects.csv" takes over. */
  private static final int SHOWN_REJECTS = 50;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory (from ca init).")
  Path dir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Battery model file (YAML).")
  Path model;

  @Option(names = "--items", required = true, paramLabel = "ITEMS", description = "One row per pack (CSV, UTF-8).")
  Path items;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "New directory for the birth records.")
  Path out;

  @Option(names = "--resolver", required = true, paramLabel = "URL",
      description = "Base of the GS1 Digital Links on the QR labels, e.g. https://id.example.com")
  String resolver;

  @Option(names = "--skip-invalid",
      description = "Sign the valid rows and list the rejected ones in OUT/rejects.csv (exit code 1).")
  boolean skipInvalid;

  private final Clock clock;

  public PassportCreateCommand() {
    this(Clock.systemUTC());
  }

  PassportCreateCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    checkResolver();
    ModelFile modelFile = ModelFile.read(model);
    ItemsFile.Result rows = ItemsFile.read(items, modelFile.defaults(), LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    if (!rows.rejects().isEmpty()) {
      rows.rejects().stream().limit(SHOWN_REJECTS).forEach(r -> err.printf("%s line %d (%s): %s%n",
          items.getFileName(), r.line(), r.serial().isEmpty() ? "no serial" : r.serial(), r.reason()));
      if (rows.rejects().size() > SHOWN_REJECTS) {
        err.printf("... and %d more%n", rows.rejects().size() - SHOWN_REJECTS);
      }
      if (!skipInvalid) {
        throw new ProvisioningException(rows.rejects().size() + " of " + (rows.rows().size() + rows.rejects().size())
            + " row(s) are invalid; nothing written (fix them, or use --skip-invalid)");
      }
    }
    if (rows.rows().isEmpty()) {
      throw new ProvisioningException(items.getFileName() + ": no valid rows; nothing written");
    }
    char[] secret = passphrase.read();
    SoftwareSigner signer;
    try {
      signer = CaStore.open(dir, secret).passportSigner();
    } finally {
      Arrays.fill(secret, '\0');
    }
    BirthRecordBatch.Written written = BirthRecordBatch.write(modelFile, rows, signer, resolver, clock, out,
        new ProgressBar(err, System.console() != null, clock));
    o.printf("signed %d birth record(s) of %s into %s (index.csv lists passports and their Digital Links)%n",
        written.records(), modelFile.model().modelName(), written.directory());
    if (written.rejects() > 0) {
      o.printf("%d row(s) rejected: see %s%n", written.rejects(), written.directory().resolve("rejects.csv"));
      return ProvisionCommand.REJECTED;
    }
    return 0;
  }

  private void checkResolver() {
    try {
      // Any valid GTIN and serial will do: the question is whether the base makes a valid Digital Link.
      DigitalLink.parse(resolver.replaceAll("/+$", "") + "/01/09521234000013/21/X");
    } catch (IdentifierException e) {
      throw new ProvisioningException("--resolver " + resolver + ": not a usable Digital Link base: " + e.getMessage());
    }
  }
}

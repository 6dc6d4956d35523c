package io.packpass.provisioning;

import io.packpass.core.id.DigitalLink;
import io.packpass.provisioning.batch.AtomicDirectory;
import io.packpass.provisioning.batch.BirthRecordBatch;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.IssuedCertificate;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision device enroll-batch}: a factory batch of device enrollments, all or nothing. */
@Command(name = "enroll-batch", mixinStandardHelpOptions = true,
    description = {"Enroll many devices at once from a CSV with the columns passport (Digital Link) and csr",
        "(path of a PEM CSR, relative to the CSV). All or nothing: any refused row issues no certificate.",
        "Writes each device's certificate chain to OUT/<gtin>_<serial>.pem and an index.csv."})
public final class DeviceEnrollBatchCommand implements Callable<Integer> {
  /** A CSR is a few hundred bytes. */
  private static final long MAX_CSR_BYTES = 16 * 1024;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--requests", required = true, paramLabel = "CSV", description = "passport,csr rows (with header).")
  Path requests;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "New directory for the certificates.")
  Path out;

  @Option(names = "--validity-years", defaultValue = "10", paramLabel = "N",
      description = "Certificate validity in years (default: ${DEFAULT-VALUE}).")
  int validityYears;

  @Override
  public Integer call() {
    if (validityYears < 1) {
      throw new ProvisioningException("--validity-years must be at least 1");
    }
    List<CaStore.DeviceRequest> batch = readRequests();
    if (Files.exists(out)) {
      throw new ProvisioningException(out + " already exists: choose a new output directory");
    }
    char[] secret = passphrase.read();
    List<IssuedCertificate> issued;
    try {
      issued = CaStore.open(dir, secret).enrollDevices(batch, Period.ofYears(validityYears));
    } finally {
      Arrays.fill(secret, '\0');
    }
    AtomicDirectory.create(out, directory -> {
      try (Writer index = Files.newBufferedWriter(directory.resolve("index.csv"), StandardCharsets.UTF_8)) {
        index.write("passport,serial,kid,file\n");
        for (IssuedCertificate certificate : issued) {
          String file = BirthRecordBatch.fileName(DigitalLink.parse(certificate.entry().subject()).id())
              .replace(".cose", ".pem");
          Files.writeString(directory.resolve(file), certificate.chainPem(), StandardCharsets.US_ASCII);
          index.write(certificate.entry().subject() + "," + certificate.entry().serialHex() + ","
              + certificate.entry().kid() + "," + file + "\n");
        }
      }
    });
    spec.commandLine().getOut().printf("enrolled %d device(s); certificates in %s (index.csv)%n", issued.size(), out);
    return 0;
  }

  private List<CaStore.DeviceRequest> readRequests() {
    List<String> lines;
    try {
      lines = Files.readAllLines(requests, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + requests + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals("passport,csr")) {
      throw new ProvisioningException(requests.getFileName() + ": line 1 must be the header 'passport,csr'");
    }
    Path base = requests.toAbsolutePath().getParent();
    List<CaStore.DeviceRequest> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2) {
        throw new ProvisioningException(requests.getFileName() + ": line " + (i + 1) + ": expected 2 columns");
      }
      Path csr = base.resolve(cells[1].strip());
      try {
        if (Files.size(csr) > MAX_CSR_BYTES) {
          throw new ProvisioningException(requests.getFileName() + ": line " + (i + 1) + ": " + csr + " is too large");
        }
        out.add(new CaStore.DeviceRequest(Files.readString(csr, StandardCharsets.US_ASCII), cells[0].strip()));
      } catch (IOException e) {
        throw new ProvisioningException(requests.getFileName() + ": line " + (i + 1) + ": cannot read " + csr);
      }
    }
    if (out.isEmpty()) {
      throw new ProvisioningException(requests.getFileName() + ": no requests");
    }
    return out;
  }
}

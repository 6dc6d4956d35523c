package io.packpass.provisioning;

import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.provisioning.batch.AtomicDirectory;
import io.packpass.provisioning.batch.BirthRecordBatch;
import io.packpass.provisioning.batch.BirthRecords;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.RegistryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code provision bundle}: everything one agent loads, in one new directory: its device
 * certificate chain, the trust anchor, the current CRL, its verified birth record and a config
 * snippet. The device's private key is not in it: the agent generated it and never gave it away.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = {"Collect what one pack's agent loads into a new directory OUT.",
        "That is: device certificate chain, trust anchor, CRL, verified birth record, agent.yaml."})
public final class BundleCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--passport", required = true, paramLabel = "ID",
      description = "The pack's passport: its Digital Link or element string (01)...(21)...")
  String passport;

  @Option(names = "--births", required = true, paramLabel = "DIR",
      description = "Output of 'passport create' holding the pack's birth record.")
  Path births;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "New directory for the bundle.")
  Path out;

  @Override
  public Integer call() {
    PassportId id = passportId();
    CaStore store = passphrase.openCa(dir);
    RegistryEntry device = store.registry().stream()
        .filter(e -> e.kind() == RegistryEntry.Kind.DEVICE && !e.isRevoked() && enrolledFor(e, id))
        .max(Comparator.comparing(RegistryEntry::notAfter))
        .orElseThrow(() -> new ProvisioningException("no valid device certificate for " + id.elementString()
            + ": enroll the pack's CSR first (provision device enroll)"));
    Path crl = dir.resolve(CaStore.CRL_PEM);
    if (!Files.exists(crl)) {
      throw new ProvisioningException("no CRL in " + dir + " yet: run 'provision crl' first");
    }
    byte[] birth = verifiedBirth(store, id);
    List<X509Certificate> chain = new ArrayList<>(
        CertificateText.readCertificates(read(dir.resolve(CaStore.ISSUED_DIR).resolve(device.serialHex() + ".pem"))));
    chain.add(store.issuingCertificate());
    String link = DigitalLink.parse(device.subject()).format();

    AtomicDirectory.create(out, bundle -> {
      Files.writeString(bundle.resolve("device.pem"), CertificateText.pem(chain), StandardCharsets.US_ASCII);
      Files.writeString(bundle.resolve("root.pem"), CertificateText.pem(List.of(store.rootCertificate())),
          StandardCharsets.US_ASCII);
      Files.copy(crl, bundle.resolve("crl.pem"));
      Files.write(bundle.resolve("birth.cose"), birth);
      Files.writeString(bundle.resolve("agent.yaml"), config(id, link, device), StandardCharsets.UTF_8);
    });
    spec.commandLine().getOut().printf("bundle for %s in %s: device.pem (serial %s), root.pem, crl.pem, birth.cose,"
        + " agent.yaml%n", id.elementString(), out, device.serialHex());
    return 0;
  }

  private static String config(PassportId id, String link, RegistryEntry device) {
    return String.join("\n",
        "# PackPass agent configuration for one pack, written by 'packpass provision bundle'.",
        "# Paths are relative to this file. The private key is the one the agent generated for its CSR.",
        "passport:",
        "  id: \"" + id.elementString() + "\"",
        "  digitalLink: " + link,
        "identity:",
        "  certificate: device.pem        # device certificate (serial " + device.serialHex() + "), then the issuing CA",
        "  privateKey: device.key         # generated on the device; never leaves it",
        "trust:",
        "  anchors: root.pem",
        "  crl: crl.pem",
        "birthRecord: birth.cose",
        "");
  }

  private PassportId passportId() {
    try {
      return passport.startsWith("(") ? PassportId.parseElementString(passport) : DigitalLink.parse(passport).id();
    } catch (IdentifierException e) {
      throw new ProvisioningException("--passport " + passport + ": " + e.getMessage());
    }
  }

  private static boolean enrolledFor(RegistryEntry entry, PassportId id) {
    try {
      return DigitalLink.parse(entry.subject()).id().equals(id);
    } catch (IdentifierException e) {
      return false;
    }
  }

  /** The birth record, checked against the CA's passport signer before it goes to a device. */
  private byte[] verifiedBirth(CaStore store, PassportId id) {
    return BirthRecords.verified(births.resolve("births").resolve(BirthRecordBatch.fileName(id)), id,
        store.passportSignerCertificate()).encoded();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}

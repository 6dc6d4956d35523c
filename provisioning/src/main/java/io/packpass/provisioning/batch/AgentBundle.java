package io.packpass.provisioning.batch;

import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.provisioning.ProvisioningException;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.RegistryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one agent loads, written into one new directory: its device certificate chain, the
 * trust anchor, the CA's current CRL, its birth record (verified against the passport signer first)
 * and an {@code agent.yaml} naming them. The device's private key is not in it: the agent generated it
 * and never gave it away. Used by {@code provision bundle} and by the demo.
 */
public final class AgentBundle {
  public static final String CONFIG = "agent.yaml";

  private AgentBundle() {
  }

  /** What was written: the directory and the serial of the device certificate in it. */
  public record Written(Path directory, String deviceSerialHex) {
  }

  /**
   * @param births the output directory of {@code passport create} holding the pack's birth record
   * @param out a directory that does not exist yet; nothing is left half-written there on failure
   */
  public static Written write(CaStore store, PassportId id, Path births, Path out) {
    RegistryEntry device = store.registry().stream()
        .filter(e -> e.kind() == RegistryEntry.Kind.DEVICE && !e.isRevoked() && enrolledFor(e, id))
        .max(Comparator.comparing(RegistryEntry::notAfter))
        .orElseThrow(() -> new ProvisioningException("no valid device certificate for " + id.elementString()
            + ": enroll the pack's CSR first (provision device enroll)"));
    Path crl = store.directory().resolve(CaStore.CRL_PEM);
    if (!Files.exists(crl)) {
      throw new ProvisioningException("no CRL in " + store.directory() + " yet: run 'provision crl' first");
    }
    byte[] birth = BirthRecords.verified(births.resolve("births").resolve(BirthRecordBatch.fileName(id)), id,
        store.passportSignerCertificate()).encoded();
    List<X509Certificate> chain = new ArrayList<>(CertificateText.readCertificates(
        read(store.directory().resolve(CaStore.ISSUED_DIR).resolve(device.serialHex() + ".pem"))));
    chain.add(store.issuingCertificate());
    String link = DigitalLink.parse(device.subject()).format();

    AtomicDirectory.create(out, bundle -> {
      Files.writeString(bundle.resolve("device.pem"), CertificateText.pem(chain), StandardCharsets.US_ASCII);
      Files.writeString(bundle.resolve("root.pem"), CertificateText.pem(List.of(store.rootCertificate())),
          StandardCharsets.US_ASCII);
      Files.copy(crl, bundle.resolve("crl.pem"));
      Files.write(bundle.resolve("birth.cose"), birth);
      Files.writeString(bundle.resolve(CONFIG), config(id, link, device), StandardCharsets.UTF_8);
    });
    return new Written(out, device.serialHex());
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

  private static boolean enrolledFor(RegistryEntry entry, PassportId id) {
    try {
      return DigitalLink.parse(entry.subject()).id().equals(id);
    } catch (IdentifierException e) {
      return false;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}

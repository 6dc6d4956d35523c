package io.packpass.provisioning.batch;

import io.packpass.core.id.PassportId;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.Verdict;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;

/** Reads back a birth record that {@link BirthRecordBatch} wrote, checked against the CA's passport signer. */
public final class BirthRecords {
  private BirthRecords() {
  }

  /**
   * @throws ProvisioningException naming the file when it is missing, unreadable, not signed by
   *     {@code signer} or not the birth record of {@code id}
   */
  public static SignedUpdate verified(Path file, PassportId id, X509Certificate signer) {
    if (!Files.exists(file)) {
      throw new ProvisioningException("no birth record for " + id.elementString() + " (" + file + ")");
    }
    SignedUpdate update;
    try {
      update = SignedUpdate.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (UpdateFormatException e) {
      throw new ProvisioningException(file + ": not a signed update: " + e.getMessage(), e);
    }
    ChainVerifier verifier = new ChainVerifier(new CertificateTrustedKeys().add(signer), Clock.systemUTC());
    Verdict verdict = new UpdateChain(verifier).offer(update);
    if (!verdict.outcome().isAccepted() || !update.payload().passportId().equals(id)) {
      throw new ProvisioningException(file + ": not a valid birth record of " + id.elementString() + ": " + verdict);
    }
    return update;
  }
}

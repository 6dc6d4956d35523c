package io.packpass.cli.demo;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.provisioning.batch.AgentBundle;
import io.packpass.provisioning.batch.BirthRecordBatch;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The manufacturer's side of the demo, done with provisioning's own library as {@code provision}
 * does it: a CA, a birth record per pack signed by the passport signer, a device key made "on the
 * pack" with its CSR enrolled, a bundle per pack, the CRL and the role credentials for the site gateway
 * and the grader. The CA's clock is set back to before the packs' simulated lives, so that every
 * certificate and the CRL were valid when the packs signed their first readings.
 */
final class DemoPki {
  static final String CA_NAME = "PackPass Demo Cells (not for production)";

  final Path dir;
  final CaStore ca;
  final char[] rolePassphrase;
  final Path rolePassphraseFile;
  final Path fleetCredential;
  final Path graderCredential;

  private DemoPki(Path dir, CaStore ca, char[] rolePassphrase, Path rolePassphraseFile, Path fleetCredential,
      Path graderCredential) {
    this.dir = dir;
    this.ca = ca;
    this.rolePassphrase = rolePassphrase;
    this.rolePassphraseFile = rolePassphraseFile;
    this.fleetCredential = fleetCredential;
    this.graderCredential = graderCredential;
  }

  /**
   * @param issuedAt when the CA's certificates are dated from (before the first birth)
   * @param crlValidity how long the CRL stays current from {@code issuedAt}
   */
  static DemoPki create(Path dir, Instant issuedAt, Duration crlValidity) {
    Clock clock = Clock.fixed(issuedAt, ZoneOffset.UTC);
    char[] caPassphrase = DemoFiles.passphraseFile(dir.resolve("secrets/ca.pass"));
    Path rolePassFile = dir.resolve("secrets/role.pass");
    char[] rolePassphrase = DemoFiles.passphraseFile(rolePassFile);
    CaStore ca = CaStore.init(dir.resolve("ca"), new CaOptions(KeyAlgorithm.ED25519, CA_NAME, 20, 10), caPassphrase,
        clock);
    ca.crl(crlValidity);
    Path roles = dir.resolve("roles");
    Path fleet = export(ca.issueRole(Role.FLEET, "Demo Site Gateway", Period.ofYears(2), KeyAlgorithm.P256),
        roles, RoleCredential.fileBase(Role.FLEET, "Demo Site Gateway"), rolePassphrase);
    Path grader = export(ca.issueRole(Role.GRADER, "Grace Grader", Period.ofYears(2), KeyAlgorithm.P256), roles,
        RoleCredential.fileBase(Role.GRADER, "Grace Grader"), rolePassphrase);
    writeTrustFile(ca, dir.resolve("ca/trust.pem"));
    return new DemoPki(dir, ca, rolePassphrase, rolePassFile, fleet, grader);
  }

  private static Path export(RoleCredential credential, Path dir, String base, char[] passphrase) {
    return credential.export(dir, base, passphrase).get(0);
  }

  /** Root, issuing CA and passport signer in one file: what {@code verify-label --trust} reads. */
  private static void writeTrustFile(CaStore ca, Path file) {
    try {
      Files.writeString(file, CertificateText.pem(List.of(ca.rootCertificate(), ca.issuingCertificate(),
          ca.passportSignerCertificate())), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One pack from birth to bundle: its birth record at {@code born}, a device key and CSR, the
   * enrolment, and the bundle (with the key beside it, as on the pack) in {@code bundleDir}.
   */
  void provision(DemoPack pack, String resolverBase, Instant born, Path bundleDir) {
    String link = pack.id.digitalLink(resolverBase);
    SignedUpdate birth = SignedUpdate.sign(ca.passportSigner(), new UpdatePayload(pack.id, 0, UpdatePayload.genesis(),
        born, UpdateKind.BIRTH, UpdateBody.birth(pack.model, pack.item, List.of()), Optional.empty()));
    Path births = dir.resolve("ca/births");
    try {
      Files.createDirectories(births.resolve("births"));
      Files.write(births.resolve("births").resolve(BirthRecordBatch.fileName(pack.id)), birth.encoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SoftwareSigner deviceKey = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    ca.enrollDevice(DeviceCsr.create(deviceKey, "pack " + pack.id.elementString()), link, Period.ofYears(10), false);
    AgentBundle.write(ca, pack.id, births, bundleDir);
    PrivateKeyFile.create(bundleDir.resolve("device.key"), deviceKey);
  }
}

package io.packpass.provisioning;

import io.packpass.core.passport.Role;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.Passphrase;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision role issue}: a key and certificate for a person or service acting in a role. */
@Command(name = "issue", mixinStandardHelpOptions = true,
    description = {"Generate a key and a certificate carrying the role as SAN URI urn:packpass:role:<role>.",
        "Writes OUT/<role>-<name>.p12, .pem (certificate + issuing CA) and .key.pem (encrypted PKCS#8),",
        "all protected by the export passphrase."})
public final class RoleIssueCommand implements Callable<Integer> {
  static final List<Role> ISSUABLE = Arrays.stream(Role.values()).filter(r -> r != Role.ANONYMOUS).toList();

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "CA directory.")
  Path dir;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "dismantler, repairer, grader, recycler, fleet or authority.")
  String role;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Person or service (subject CN).")
  String name;

  @Option(names = "--out", required = true, paramLabel = "DIR2", description = "Directory for the exported files.")
  Path out;

  @Option(names = "--validity-years", defaultValue = "2", paramLabel = "N",
      description = "Validity, capped at the issuing CA's (default: ${DEFAULT-VALUE}).")
  int validityYears;

  @Option(names = "--algorithm", defaultValue = "ed25519", paramLabel = "ed25519|p256",
      description = "Key type (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(names = "--export-passphrase-file", paramLabel = "FILE", description = "File holding the export passphrase.")
  Path exportFile;

  @Option(names = "--export-passphrase-env", paramLabel = "VAR", description = "Environment variable holding the export passphrase.")
  String exportVariable;

  @Mixin
  PassphraseOptions passphrase;

  @Override
  public Integer call() {
    Role parsed = ISSUABLE.stream().filter(r -> r.id().equals(role)).findFirst()
        .orElseThrow(() -> new ProvisioningException("unknown role '" + role + "'; expected one of: "
            + ISSUABLE.stream().map(Role::id).collect(Collectors.joining(", "))));
    if (validityYears < 1) {
      throw new ProvisioningException("--validity-years must be at least 1");
    }
    KeyAlgorithm keyAlgorithm = KeyAlgorithm.fromId(algorithm);
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ProvisioningException(out + " is not a directory");
    }
    String base = RoleCredential.fileBase(parsed, name);
    for (Path file : RoleCredential.exportFiles(out, base)) {
      if (Files.exists(file)) {
        throw new ProvisioningException(file + " exists; refusing to overwrite it");
      }
    }
    char[] exportSecret = Passphrase.resolve(exportFile, exportVariable, System::getenv, "the exported credential",
        "--export-passphrase-file FILE or --export-passphrase-env VAR");
    char[] secret = null;
    try {
      secret = passphrase.read();
      RoleCredential credential = CaStore.open(dir, secret)
          .issueRole(parsed, name, Period.ofYears(validityYears), keyAlgorithm);
      List<Path> files = credential.export(out, base, exportSecret);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("issued " + RoleCertificates.uriOf(parsed) + " to " + name);
      stdout.println("  serial     " + credential.entry().serialHex());
      stdout.println("  kid        " + credential.entry().kid());
      stdout.println("  not after  " + credential.entry().notAfter());
      for (Path file : files) {
        stdout.println("  written    " + file);
      }
    } finally {
      Arrays.fill(exportSecret, '\0');
      if (secret != null) {
        Arrays.fill(secret, '\0');
      }
    }
    return 0;
  }
}

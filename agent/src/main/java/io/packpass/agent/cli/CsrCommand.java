package io.packpass.agent.cli;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.core.cose.SoftwareSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent csr}: a certificate signing request for the device key, for provisioning. */
@Command(name = "csr", mixinStandardHelpOptions = true,
    description = {"Write a PKCS#10 certificate signing request (PEM) for this device's key.",
        "Hand it to the manufacturer: 'packpass provision device enroll --csr FILE --passport ID'.",
        "Only the public key and a signature leave the device."})
public final class CsrCommand implements Callable<Integer> {
  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The device key written by 'keygen'.")
  Path key;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the request (default: standard output).")
  Path out;

  @Option(names = "--cn", paramLabel = "NAME",
      description = "Subject common name (default: packpass-device-<key id>); provisioning binds the passport, not this name.")
  String commonName;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    SoftwareSigner signer = PrivateKeyFile.load(key);
    String cn = commonName != null ? commonName : "packpass-device-" + signer.keyId();
    if (cn.isBlank() || cn.length() > 64) {
      throw new AgentException("--cn: expected 1 to 64 characters, got " + cn.length());
    }
    String pem = DeviceCsr.create(signer, cn);
    PrintWriter o = spec.commandLine().getOut();
    if (out == null) {
      o.print(pem);
    } else {
      try {
        Files.writeString(out, pem, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        throw new AgentException("--out " + out + ": already exists");
      } catch (IOException e) {
        throw new AgentException("--out " + out + ": " + e.getMessage());
      }
      o.println("wrote " + out + " (CN=" + cn + ", key id " + signer.keyId() + ")");
    }
    o.flush();
    return 0;
  }
}

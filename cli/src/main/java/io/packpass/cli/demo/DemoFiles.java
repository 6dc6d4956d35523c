package io.packpass.cli.demo;

import io.packpass.core.cose.VerificationKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** The demo directory's files: secrets written owner-only and never printed, public keys as PEM. */
final class DemoFiles {
  private DemoFiles() {
  }

  static void writePrivate(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A public key as PEM (SubjectPublicKeyInfo), what {@code ./packpass verify --*-key} reads. */
  static void writePublicKey(Path file, VerificationKey key) {
    StringWriter text = new StringWriter();
    try (PemWriter pem = new PemWriter(text)) {
      pem.writeObject(new PemObject("PUBLIC KEY", key.subjectPublicKeyInfo()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A new random passphrase in a passphrase file (one line), returned for use in this process. */
  static char[] passphraseFile(Path file) {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    writePrivate(file, (passphrase + "\n").getBytes(StandardCharsets.US_ASCII));
    return passphrase.toCharArray();
  }
}

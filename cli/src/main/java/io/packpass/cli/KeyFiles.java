package io.packpass.cli;

import io.packpass.core.cose.VerificationKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Public keys as PEM files ({@code -----BEGIN PUBLIC KEY-----}, DER SubjectPublicKeyInfo). */
final class KeyFiles {
  private KeyFiles() {
  }

  /** A PEM public key is a few hundred bytes; anything far larger is the wrong file. */
  static final long MAX_KEY_FILE_BYTES = 16 * 1024;

  static VerificationKey readPublicKey(Path file) {
    try {
      if (Files.size(file) > MAX_KEY_FILE_BYTES) {
        throw new UserException(file + ": larger than " + MAX_KEY_FILE_BYTES + " bytes, not a PEM public key");
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PemReader pem = new PemReader(reader)) {
      PemObject object = pem.readPemObject();
      if (object == null || !object.getType().equals("PUBLIC KEY")) {
        throw new UserException(file + ": expected a PEM 'PUBLIC KEY' block");
      }
      return VerificationKey.fromSubjectPublicKeyInfo(object.getContent());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UserException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException(file + ": " + e.getMessage(), e);
    }
  }
}

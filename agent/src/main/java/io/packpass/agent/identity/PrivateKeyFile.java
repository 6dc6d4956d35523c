package io.packpass.agent.identity;

import io.packpass.core.cose.SoftwareSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The device's private key on disk: PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), created with
 * mode 0600 from the first byte (never written first and restricted after), and refused at load when
 * anyone but the owner may read it, as OpenSSH does, because a key others can read is a key others
 * may have copied. The key is never printed, logged or taken from a command line.
 */
public final class PrivateKeyFile {
  /** A PEM private key is under 300 bytes; anything far larger is the wrong file. */
  static final int MAX_BYTES = 16 * 1024;
  private static final String PEM_TYPE = "PRIVATE KEY";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private PrivateKeyFile() {
  }

  /**
   * Writes {@code key} to a new file readable by its owner only.
   *
   * @throws IdentityException when the file exists (an identity is never overwritten) or cannot be written
   */
  public static void create(Path file, SoftwareSigner key) {
    StringWriter text = new StringWriter();
    try (PemWriter pem = new PemWriter(text)) {
      pem.writeObject(new PemObject(PEM_TYPE, key.pkcs8()));
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding in memory failed", e);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    FileAttribute<?>[] attributes = isPosix(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        attributes); OutputStream out = Channels.newOutputStream(channel)) {
      out.write(bytes);
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new IdentityException(file + " already exists: a device key is never overwritten (move it away first"
          + " if you really mean to replace this device's identity)");
    } catch (IOException e) {
      throw new IdentityException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the key, refusing a file that others may read.
   *
   * @throws IdentityException missing, too permissive, too large or not a PKCS#8 Ed25519/P-256 key
   */
  public static SoftwareSigner load(Path file) {
    checkPermissions(file);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IdentityException(file + ": larger than " + MAX_BYTES + " bytes, not a PEM private key");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IdentityException(file + ": no such file (create one with 'packpass agent keygen --out " + file + "')");
    } catch (IOException e) {
      throw new IdentityException("cannot read " + file + ": " + e.getMessage(), e);
    }
    PemObject object;
    try (PemReader pem = new PemReader(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
      object = pem.readPemObject();
    } catch (IOException e) {
      throw new IdentityException(file + ": not a PEM file", e);
    }
    if (object == null || !PEM_TYPE.equals(object.getType())) {
      throw new IdentityException(file + ": expected a PEM '" + PEM_TYPE + "' block (PKCS#8, unencrypted)");
    }
    try {
      return SoftwareSigner.fromPkcs8(object.getContent());
    } catch (IllegalArgumentException e) {
      throw new IdentityException(file + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a key file that group or others may read or write. */
  static void checkPermissions(Path file) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system (development on another OS): nothing to check
    } catch (NoSuchFileException e) {
      throw new IdentityException(file + ": no such file (create one with 'packpass agent keygen --out " + file + "')");
    } catch (IOException e) {
      throw new IdentityException("cannot read the permissions of " + file + ": " + e.getMessage(), e);
    }
    Set<PosixFilePermission> extra = EnumSet.copyOf(perms);
    extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE));
    if (!extra.isEmpty()) {
      throw new IdentityException(file + " is accessible by others (" + PosixFilePermissions.toString(perms)
          + "): a private key must be readable by its owner only; run: chmod 600 " + file);
    }
  }

  private static boolean isPosix(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      return Files.getFileStore(parent == null ? file.toAbsolutePath() : parent).supportsFileAttributeView("posix");
    } catch (IOException e) {
      throw new IdentityException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

package io.packpass.provisioning.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Whole-file writes that a crash cannot leave half done: write a temporary file next to the target,
 * force it to disk, then rename it over the target in one step. Failures surface as
 * {@link java.io.UncheckedIOException}.
 */
public final class AtomicFiles {
  private AtomicFiles() {
  }

  /** Readable by the owner only (keys, the key store, the registry). */
  public static void writePrivate(Path target, byte[] content) {
    write(target, content, false);
  }

  /** Readable by everyone (certificates, CRLs). */
  public static void writePublic(Path target, byte[] content) {
    write(target, content, true);
  }

  public static void writePublic(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8), true);
  }

  private static void write(Path target, byte[] content, boolean world) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      // createTempFile makes the file rw------- on POSIX systems.
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (world && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort; the stray temp file is harmless
        }
      }
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform can fsync a directory; the rename is still atomic
    }
  }
}

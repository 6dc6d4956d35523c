package io.packpass.provisioning.batch;

import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Writes a whole output directory or none of it: the content goes into a hidden sibling
 * ({@code .<name>.partial-<random>}) that is renamed into place when complete and deleted on any
 * failure, also on Ctrl-C (shutdown hook).
 */
public final class AtomicDirectory {
  /** Fills the directory it is given. */
  public interface Content {
    void writeInto(Path directory) throws IOException;
  }

  private AtomicDirectory() {
  }

  public static void create(Path out, Content content) {
    if (Files.exists(out)) {
      throw new ProvisioningException(out + " already exists: choose a new output directory");
    }
    Path parent = out.toAbsolutePath().getParent();
    Path temporary = parent.resolve("." + out.getFileName() + ".partial-"
        + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)));
    Thread cleanup = new Thread(() -> deleteTree(temporary), "packpass-partial-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      Files.createDirectories(temporary);
      content.writeInto(temporary);
      Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new ProvisioningException("cannot rename the finished output into " + out
          + " atomically (different file system?)", e);
    } catch (IOException e) {
      throw new ProvisioningException("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      deleteTree(temporary);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already and cleans up
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover hidden .partial directory is harmless and named clearly.
    }
  }
}

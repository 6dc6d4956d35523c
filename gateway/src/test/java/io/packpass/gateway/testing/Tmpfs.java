package io.packpass.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to run a store out of space for real (ENOSPC from the kernel,
 * not a simulated exception). Needs root, as the CI runs ({@code .ci/run}); the tests using it are
 * tagged {@code interop} and fail, not skip, when the mount is refused.
 */
public final class Tmpfs implements AutoCloseable {
  public final Path dir;
  private final Path filler;

  private Tmpfs(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("filler");
  }

  /** Mounts a tmpfs of {@code size} (mount's syntax: 4m) on {@code dir}, created if needed. */
  public static Tmpfs mount(Path dir, String size) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String said = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    if (said != null) {
      throw new AssertionError("the disk-full tests mount a tmpfs and need root for it (as .ci/run has): " + said);
    }
    return new Tmpfs(dir);
  }

  /** Writes a file until the kernel says no space is left; returns how many bytes it took. */
  public long fill() {
    long written = 0;
    byte[] block = new byte[16 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw new UncheckedIOException("filling the tmpfs failed otherwise", full);
      }
    }
    return written;
  }

  /** Gives the space back. */
  public void release() {
    try {
      Files.deleteIfExists(filler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    String said = run("umount", "-l", dir.toString());
    if (said != null) {
      throw new AssertionError("cannot unmount the test tmpfs: " + said);
    }
  }

  /** Runs a command; null when it succeeded, else what it said and its exit code. */
  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return String.join(" ", command) + ": no answer within 20 s";
      }
      return p.exitValue() == 0 ? null : String.join(" ", command) + ": exit " + p.exitValue() + ": " + out;
    } catch (IOException e) {
      return String.join(" ", command) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return String.join(" ", command) + ": interrupted";
    }
  }
}

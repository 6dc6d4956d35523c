package io.packpass.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a directory, so a test gets a real ENOSPC from the kernel. Needs root
 * (the interop tier runs as root here and in CI); when it cannot mount, it fails with what went
 * wrong rather than skipping, so a CI that silently lost the test shows red.
 */
public final class TmpfsMount implements AutoCloseable {
  private final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code bytes} (rounded up to pages by the kernel) on {@code dir}, creating it. */
  public static TmpfsMount mount(Path dir, long bytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String out = run("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0700", "tmpfs", dir.toString());
    if (out != null) {
      throw new AssertionError("cannot mount a " + bytes + "-byte tmpfs on " + dir + " (the disk-full tests need root"
          + " and mount(8), as in .ci/run): " + out);
    }
    return new TmpfsMount(dir);
  }

  /** Writes a file of zeros until the file system is full; returns it (delete it to free the space). */
  public Path fill() throws IOException {
    Path filler = dir.resolve("filler");
    byte[] block = new byte[4096];
    try (var out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
    return filler;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String out = run("umount", dir.toString());
    if (out != null) {
      throw new AssertionError("cannot unmount the tmpfs on " + dir + ": " + out);
    }
  }

  /** Runs a command; null when it succeeded, else its exit code and output. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return String.join(" ", command) + " did not finish in 10 s";
    }
    String output = new String(p.getInputStream().readAllBytes()).strip();
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + output;
  }
}

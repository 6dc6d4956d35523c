package io.packpass.agent.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real file system that fills up: a tmpfs of a few hundred KiB mounted for one test, so a disk-full
 * test meets the kernel's own ENOSPC ("No space left on device") and not an imitation of it. Needs
 * root (the interop tier runs as root in {@code .ci/run}); a test that cannot mount fails saying so.
 */
public final class SmallFileSystem implements AutoCloseable {
  private final Path mountPoint;
  private final Path filler;

  private SmallFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.filler = mountPoint.resolve("filler");
  }

  public static SmallFileSystem mount(Path mountPoint, int kibibytes) throws IOException, InterruptedException {
    Files.createDirectories(mountPoint);
    String out = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + kibibytes + "k,mode=0700", "tmpfs",
        mountPoint.toString()));
    if (out != null) {
      fail("cannot mount a tmpfs at " + mountPoint + " for a real disk-full test (needs root, as in .ci/run): " + out);
    }
    return new SmallFileSystem(mountPoint);
  }

  public Path root() {
    return mountPoint;
  }

  /** Writes a file until the file system says it is full; returns how many bytes went in. */
  public long fill() throws IOException {
    long written = 0;
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
      return written;
    }
  }

  /** Frees what {@link #fill} took. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String out = run(List.of("umount", "-l", mountPoint.toString()));
    if (out != null) {
      throw new IOException("umount " + mountPoint + ": " + out);
    }
  }

  /** Null on success, else what the command printed. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "no answer after 20 s";
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
  }
}

package io.packpass.agent.bus.socketcan;

import io.packpass.agent.bus.BusException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import tel.schich.javacan.platform.Platform;

/**
 * Makes JavaCAN load the native library that fits this CPU. JavaCAN 3.x ships one classifier jar per
 * CPU (packbus.md §5.1), and every one of them holds the same resource {@code native/libjavacan-core.so};
 * with the x86_64, aarch64 and armv7 jars all on the agent's class path, JavaCAN's own loader would
 * take whichever comes first. So before the first channel is opened this copies the library out of the
 * jar named for {@link Platform#detectCpuArch()} and points JavaCAN's documented override
 * {@value #PATH_PROPERTY} at it. A value the user set on the command line is left alone.
 */
final class JavaCanNatives {
  static final String PATH_PROPERTY = "javacan.native.javacan-core.path";
  static final String RESOURCE = "native/libjavacan-core.so";

  private static boolean prepared;

  private JavaCanNatives() {
  }

  static synchronized void prepare() {
    if (prepared || System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    String arch = Platform.detectCpuArch();
    List<URL> candidates;
    try {
      candidates = Collections.list(JavaCanNatives.class.getClassLoader().getResources(RESOURCE));
    } catch (IOException e) {
      throw new BusException(BusException.Kind.ACCESS, "cannot list JavaCAN native libraries: " + e.getMessage(), e);
    }
    Optional<URL> chosen = choose(candidates, arch);
    if (chosen.isEmpty()) {
      if (candidates.size() > 1) {
        throw new BusException(BusException.Kind.ACCESS, "no JavaCAN native library for CPU " + arch + " among "
            + candidates.size() + " on the class path (the agent ships x86_64, aarch64 and armv7); set -D"
            + PATH_PROPERTY + "=/path/to/libjavacan-core.so");
      }
      prepared = true; // zero or one candidate: JavaCAN's own loader does the right thing or reports it
      return;
    }
    try (InputStream in = chosen.get().openStream()) {
      Path file = Files.createTempFile("libjavacan-core-" + arch + "-", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      System.setProperty(PATH_PROPERTY, file.toString());
      prepared = true;
    } catch (IOException e) {
      throw new BusException(BusException.Kind.ACCESS, "cannot extract the JavaCAN native library for " + arch
          + ": " + e.getMessage(), e);
    }
  }

  /** The library inside the classifier jar for {@code arch}, e.g. {@code …/javacan-core-3.5.0-aarch64.jar!/native/…}. */
  static Optional<URL> choose(List<URL> candidates, String arch) {
    String marker = "-" + arch + ".jar!/";
    return candidates.stream().filter(u -> u.toString().contains(marker)).findFirst();
  }
}

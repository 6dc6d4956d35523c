package io.packpass.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the public conformance data in {@code ../shared/reference} (set by the build). */
public final class SharedReference {
  private SharedReference() {
  }

  public static Path path(String relative) {
    String shared = System.getProperty("packpass.shared", "../shared");
    Path path = Path.of(shared, "reference", relative).normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException("conformance data missing: " + path.toAbsolutePath()
          + " (the shared/ folder must sit beside the checkout)");
    }
    return path;
  }
}

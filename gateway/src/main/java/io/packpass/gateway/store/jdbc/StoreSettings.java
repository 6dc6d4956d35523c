package io.packpass.gateway.store.jdbc;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the gateway's database is.
 *
 * @param url JDBC URL: {@code jdbc:h2:file:...} (embedded, the default) or {@code jdbc:postgresql://...}
 * @param user may be empty for H2
 * @param password never logged; {@link #toString()} leaves it out
 * @param maxConnections pool size; writers take turns per passport, so a few are enough
 */
public record StoreSettings(String url, String user, String password, int maxConnections) {
  public static final int DEFAULT_MAX_CONNECTIONS = 4;

  public StoreSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("store URL must be jdbc:h2:... or jdbc:postgresql:..., got " + url);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
  }

  /**
   * The embedded H2 file database in {@code dir}. Commits are written at once ({@code WRITE_DELAY=0}):
   * H2's default keeps them in memory for up to half a second, and an update acknowledged to an agent
   * or a gateway in that time would be lost if this process were killed.
   */
  public static StoreSettings h2(Path dir) {
    return new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath().resolve("gateway") + ";WRITE_DELAY=0", "", "",
        DEFAULT_MAX_CONNECTIONS);
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "StoreSettings[" + url + (user.isEmpty() ? "" : ", user " + user) + "]";
  }
}

package io.packpass.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a passphrase or password is: a file (first line) or an environment variable, never the
 * configuration or the command line itself. {@link #toString()} names the place, never the value.
 */
public record Secret(String key, Optional<Path> file, Optional<String> environment) {
  public Secret {
    if (file.isPresent() == environment.isPresent()) {
      throw new IllegalArgumentException(key + ": give exactly one of a file or an environment variable");
    }
  }

  /**
   * @throws GatewayConfigException naming the file or variable when it is missing or empty
   */
  public char[] read(Map<String, String> env) {
    String value;
    if (file.isPresent()) {
      try {
        if (Files.size(file.get()) > 4096) {
          throw new GatewayConfigException(key + ": " + file.get() + " is larger than 4096 bytes, not a passphrase file");
        }
        value = Files.readString(file.get(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      } catch (IOException e) {
        throw new GatewayConfigException(key + ": cannot read " + file.get() + " (" + e.getMessage() + ")", e);
      }
    } else {
      value = env.getOrDefault(environment.get(), "");
    }
    if (value.isEmpty()) {
      throw new GatewayConfigException(key + ": " + this + " is empty");
    }
    return value.toCharArray();
  }

  @Override
  public String toString() {
    return file.map(f -> "file " + f).orElseGet(() -> "environment variable " + environment.get());
  }
}

package io.packpass.provisioning.ca;

import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads a passphrase from a file or an environment variable, never from the command line. Messages
 * name the file or variable, never the passphrase. Callers should clear the returned array when done.
 */
public final class Passphrase {
  private Passphrase() {
  }

  /** The file's content as UTF-8, without one trailing newline ({@code \n} or {@code \r\n}); empty is refused. */
  public static char[] fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read the passphrase file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    char[] chars;
    try {
      var buffer = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      chars = Arrays.copyOf(buffer.array(), buffer.limit());
      Arrays.fill(buffer.array(), '\0');
    } catch (CharacterCodingException e) {
      throw new ProvisioningException("the passphrase file " + file + " is not UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    int length = chars.length;
    if (length > 0 && chars[length - 1] == '\n') {
      length--;
      if (length > 0 && chars[length - 1] == '\r') {
        length--;
      }
    }
    char[] result = Arrays.copyOf(chars, length);
    Arrays.fill(chars, '\0');
    if (result.length == 0) {
      throw new ProvisioningException("the passphrase file " + file + " is empty");
    }
    return result;
  }

  /** The value of environment variable {@code variable}; unset or empty is refused. */
  public static char[] fromEnv(String variable, Function<String, String> environment) {
    String value = environment.apply(variable);
    if (value == null) {
      throw new ProvisioningException("the environment variable " + variable + " (the passphrase) is not set");
    }
    if (value.isEmpty()) {
      throw new ProvisioningException("the environment variable " + variable + " (the passphrase) is empty");
    }
    return value.toCharArray();
  }

  /**
   * The passphrase from exactly one of {@code file} and {@code variable} (either may be null).
   *
   * @param what what the passphrase protects, for the error message, e.g. "the CA"
   * @param options the option names to suggest, e.g. "--passphrase-file FILE or --passphrase-env VAR"
   */
  public static char[] resolve(Path file, String variable, Function<String, String> environment, String what,
      String options) {
    if (file != null && variable != null) {
      throw new ProvisioningException("give the passphrase for " + what + " once: " + options + ", not both");
    }
    if (file != null) {
      return fromFile(file);
    }
    if (variable != null) {
      return fromEnv(variable, environment);
    }
    throw new ProvisioningException("no passphrase for " + what + ": give " + options);
  }
}

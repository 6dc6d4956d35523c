package io.packpass.provisioning.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.provisioning.ProvisioningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseTest {
  @TempDir
  Path tmp;

  @Test
  void strips_exactly_one_trailing_newline() throws Exception {
    assertThat(Passphrase.fromFile(Files.writeString(tmp.resolve("a"), "secret\n"))).isEqualTo("secret".toCharArray());
    assertThat(Passphrase.fromFile(Files.writeString(tmp.resolve("b"), "secret\r\n"))).isEqualTo("secret".toCharArray());
    assertThat(Passphrase.fromFile(Files.writeString(tmp.resolve("c"), "secret\n\n"))).isEqualTo("secret\n".toCharArray());
    assertThat(Passphrase.fromFile(Files.writeString(tmp.resolve("d"), " s p "))).isEqualTo(" s p ".toCharArray());
  }

  @Test
  void refuses_empty_and_missing_files_without_showing_content() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty"), "\n");
    assertThatThrownBy(() -> Passphrase.fromFile(empty)).isInstanceOf(ProvisioningException.class)
        .hasMessage("the passphrase file " + empty + " is empty");
    assertThatThrownBy(() -> Passphrase.fromFile(tmp.resolve("none"))).isInstanceOf(ProvisioningException.class)
        .hasMessageStartingWith("cannot read the passphrase file");
  }

  @Test
  void reads_an_environment_variable() {
    assertThat(Passphrase.fromEnv("PP", Map.of("PP", "s3cret")::get)).isEqualTo("s3cret".toCharArray());
    assertThatThrownBy(() -> Passphrase.fromEnv("PP", Map.<String, String>of()::get))
        .hasMessage("the environment variable PP (the passphrase) is not set");
    assertThatThrownBy(() -> Passphrase.fromEnv("PP", Map.of("PP", "")::get))
        .hasMessage("the environment variable PP (the passphrase) is empty");
  }

  @Test
  void wants_exactly_one_source() throws Exception {
    Path file = Files.writeString(tmp.resolve("p"), "x");
    assertThatThrownBy(() -> Passphrase.resolve(null, null, k -> null, "the CA", "--a or --b"))
        .hasMessage("no passphrase for the CA: give --a or --b");
    assertThatThrownBy(() -> Passphrase.resolve(file, "PP", k -> "y", "the CA", "--a or --b"))
        .hasMessage("give the passphrase for the CA once: --a or --b, not both");
    assertThat(Passphrase.resolve(null, "PP", Map.of("PP", "y")::get, "the CA", "--a or --b")).isEqualTo(new char[] {'y'});
  }
}

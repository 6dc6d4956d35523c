package io.packpass.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.packpass.agent.FuzzBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code agent.yaml} loader on any file (libFuzzer keeps inputs to a few KiB; the loader's own
 * bound is 64 KiB): an {@link AgentConfigException} that names the file, or a configuration within
 * the documented ranges whose numbers are the ones the file says (read back from the same YAML by
 * Jackson, as exact integers).
 */
class AgentConfigLoaderFuzzTest {
  private static final Path FILE;

  static {
    try {
      Path dir = Files.createTempDirectory("agent-config-fuzz");
      dir.toFile().deleteOnExit();
      FILE = dir.resolve("agent.yaml");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void loads_a_configuration_with_the_numbers_it_says_or_rejects_it_with_an_agent_config_exception(byte[] input)
      throws IOException {
    Files.write(FILE, input);
    AgentConfig config;
    try {
      config = new AgentConfigLoader().load(FILE);
    } catch (AgentConfigException rejected) {
      assertThat(rejected.getMessage()).contains("agent.yaml: ");
      return;
    }
    JsonNode root = new YAMLMapper().readTree(new String(input, StandardCharsets.UTF_8));
    assertThat(config.coap().port()).isBetween(0, 65_535);
    assertThat(config.coap().dtlsPort()).isBetween(0, 65_535);
    said(root, "coap", "port").ifPresent(n -> assertThat(BigInteger.valueOf(config.coap().port())).isEqualTo(n));
    said(root, "coap", "dtlsPort").ifPresent(n -> assertThat(BigInteger.valueOf(config.coap().dtlsPort())).isEqualTo(n));
    said(root, "label", "dpi").ifPresent(n -> assertThat(BigInteger.valueOf(config.label().dpi())).isEqualTo(n));
    said(root, "updates", "sohChangeCpct")
        .ifPresent(n -> assertThat(BigInteger.valueOf(config.updates().sohChangeCpct())).isEqualTo(n));
    said(root, "updates", "socChangeCpct")
        .ifPresent(n -> assertThat(BigInteger.valueOf(config.updates().socChangeCpct())).isEqualTo(n));
    assertThat(config.updates().every()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(config.updates().atLeastEvery()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
    for (Path p : new Path[] {config.certificate(), config.privateKey(), config.trustAnchors(), config.birthRecord(),
        config.journal().dir()}) {
      assertThat(p.isAbsolute()).as("%s is absolute", p).isTrue();
    }
  }

  /** The integer the file gives at {@code section.key}, if it gives one. */
  private static Optional<BigInteger> said(JsonNode root, String section, String key) {
    JsonNode node = root.path(section).path(key);
    return node.isIntegralNumber() ? Optional.of(node.bigIntegerValue()) : Optional.empty();
  }
}

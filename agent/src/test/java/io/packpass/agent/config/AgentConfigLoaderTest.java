package io.packpass.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigLoaderTest {
  static final String BUNDLE = String.join("\n",
      "# as written by 'packpass provision bundle', plus a profile",
      "profile: sim-lmt",
      "passport:",
      "  id: \"(01)09521234000020(21)LMT-48-0042\"",
      "  digitalLink: https://id.packpass.example/01/09521234000020/21/LMT-48-0042",
      "identity:",
      "  certificate: device.pem",
      "  privateKey: device.key",
      "trust:",
      "  anchors: root.pem",
      "  crl: crl.pem",
      "birthRecord: birth.cose",
      "");

  @TempDir
  Path dir;

  @Test
  void a_bundle_config_loads_with_defaults_and_paths_next_to_it() throws IOException {
    AgentConfig c = load(BUNDLE);

    assertThat(c.passport().elementString()).isEqualTo("(01)09521234000020(21)LMT-48-0042");
    assertThat(c.certificate()).isEqualTo(dir.resolve("device.pem").toAbsolutePath());
    assertThat(c.crl()).contains(dir.resolve("crl.pem").toAbsolutePath());
    assertThat(c.journal().dir()).isEqualTo(dir.resolve("journal").toAbsolutePath());
    assertThat(c.journal().fsync()).isTrue();
    assertThat(c.coap().port()).isEqualTo(5683);
    assertThat(c.coap().dtlsPort()).isEqualTo(5684);
    assertThat(c.coap().multicast()).as("on the wildcard address the agent can be discovered").isTrue();
    assertThat(c.updates()).isEqualTo(AgentConfig.Updates.DEFAULT);
    assertThat(c.updates().atLeastEvery()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void multicast_discovery_is_off_for_an_agent_bound_to_one_address_unless_asked_for() throws IOException {
    String loopback = BUNDLE + "coap:\n  bind: 127.0.0.1\n";
    assertThat(load(loopback).coap().multicast()).isFalse();
    AgentConfig.Coap asked = load(BUNDLE + "coap:\n  multicast: true\n  multicastInterface: eth1\n").coap();
    assertThat(asked.multicast()).isTrue();
    assertThat(asked.multicastInterface()).contains("eth1");
    assertThat(load(BUNDLE + "coap:\n  multicast: false\n").coap().multicast()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "birthRecord: birth.cose|birthRecord: birth.cose\\ncoap:\\n  multicast: maybe|coap.multicast: expected true or false",
      "profile: sim-lmt|profile: |profile: required",
      "  certificate: device.pem|  certificat: device.pem|identity.certificat: unknown key (allowed here: certificate, privateKey)",
      "birthRecord: birth.cose|birthRecord: birth.cose\\ncoap:\\n  port: 70000|coap.port: expected a whole number 0..65535, got 70000",
      "birthRecord: birth.cose|birthRecord: birth.cose\\nupdates:\\n  atLeastEvery: P2D|updates.atLeastEvery: at most P1D",
      "birthRecord: birth.cose|birthRecord: birth.cose\\nupdates:\\n  every: an hour|updates.every: expected an ISO-8601 duration",
      "birthRecord: birth.cose|birthRecord: birth.cose\\njournal:\\n  fsync: sometimes|journal.fsync: expected true or false",
      "  id: \"(01)09521234000020(21)LMT-48-0042\"|  id: \"(01)09521234000020(21)OTHER\"|passport.id: '(01)09521234000020(21)OTHER' is not the id of passport.digitalLink",
      "  digitalLink: https://id.packpass.example/01/09521234000020/21/LMT-48-0042|  digitalLink: https://example.org/x|passport.digitalLink: ",
  })
  void every_bad_value_is_named_by_its_key(String from, String to, String message) throws IOException {
    String yaml = BUNDLE.replace(from, to.replace("\\n", "\n"));
    assertThat(yaml).isNotEqualTo(BUNDLE);
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(AgentConfigException.class)
        .hasMessageStartingWith("agent.yaml: ").hasMessageContaining(message);
  }

  @Test
  void a_number_beyond_64_bits_is_refused_not_wrapped_into_range() throws IOException {
    // 2^64 + 5683: its low 64 bits are 5683
    String yaml = BUNDLE + "coap:\n  port: 18446744073709557299\n";
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(AgentConfigException.class)
        .hasMessage("agent.yaml: coap.port: expected a whole number 0..65535, got 18446744073709557299");
  }

  @Test
  void a_path_or_printer_no_file_system_can_name_is_refused_by_its_key() throws IOException {
    assertThatThrownBy(() -> load(BUNDLE.replace("certificate: device.pem", "certificate: \"device\\0.pem\"")))
        .isInstanceOf(AgentConfigException.class).hasMessageStartingWith("agent.yaml: identity.certificate: ");
    assertThatThrownBy(() -> load(BUNDLE + "label:\n  printer: \"file:lp\\0\"\n"))
        .isInstanceOf(AgentConfigException.class).hasMessageStartingWith("agent.yaml: label.printer: ");
  }

  @Test
  void missing_and_oversized_files_are_named() throws IOException {
    assertThatThrownBy(() -> new AgentConfigLoader().load(dir.resolve("none.yaml"))).hasMessageEndingWith("no such file");
    Path big = Files.writeString(dir.resolve("big.yaml"), "#".repeat(AgentConfigLoader.MAX_BYTES + 1));
    assertThatThrownBy(() -> new AgentConfigLoader().load(big)).hasMessageContaining("larger than");
  }

  private AgentConfig load(String yaml) throws IOException {
    return new AgentConfigLoader().load(Files.writeString(dir.resolve("agent.yaml"), yaml));
  }
}

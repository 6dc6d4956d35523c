package io.packpass.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.profile.HardwareProfile.Board;
import io.packpass.agent.profile.HardwareProfile.I2c;
import io.packpass.agent.profile.HardwareProfile.PecMode;
import io.packpass.agent.profile.HardwareProfile.Protocol;
import io.packpass.agent.profile.HardwareProfile.PylontechVariant;
import io.packpass.agent.profile.HardwareProfile.Serial;
import io.packpass.agent.profile.HardwareProfile.SocketCan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileLoaderTest {
  static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final ProfileLoader loader = new ProfileLoader();

  static List<String> bundled() {
    return new ProfileLoader().bundledIds();
  }

  static Stream<String> simulated() {
    return bundled().stream().filter(id -> new ProfileLoader().load(id).isSimulated());
  }

  @Test
  void the_index_lists_the_required_profiles() {
    assertThat(bundled()).contains("rpi-bq40z50-i2c1", "rpi-jbd-usb", "rpi-pylontech-can0", "sim-sbs-4s",
        "sim-jbd-4s-lfp", "sim-pylontech-us5000", "sim-ev-nmc", "sim-lmt", "sim-stationary-lfp");
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void every_bundled_profile_loads_and_validates(String id) {
    HardwareProfile p = loader.load(id);

    assertThat(p.id()).isEqualTo(id);
    assertThat(p.description()).isNotBlank();
    assertThat(p.isSimulated()).isEqualTo(id.startsWith("sim-"));
    assertThat(p.bus().type()).isEqualTo(p.isSimulated() ? "sim" : p.protocol().hardwareBusType());
    assertThat(p.poll().interval()).isPositive();
    assertThat(p.pack().seriesCells()).isPositive();
    assertThat(p.pack().designCapacityAh()).isPositive();
  }

  @ParameterizedTest
  @MethodSource("simulated")
  void every_sim_profile_reads_a_complete_snapshot_from_its_simulator(String id) {
    BatterySnapshot s = SimulatedBms.forSimulation(loader.load(id), CLOCK).read();

    assertThat(s.time()).isEqualTo(NOW);
    assertThat(s.isPartial()).as("missing %s", s.missing()).isFalse();
    assertThat(s.packVoltageMv()).isPresent();
    assertThat(s.stateOfChargeCpct()).isPresent();
  }

  @Test
  void the_sim_profiles_read_their_documented_fixtures() {
    assertThat(SimulatedBms.forSimulation(loader.load("sim-sbs-4s"), CLOCK).read().packVoltageMv()).contains(15_400L);
    assertThat(SimulatedBms.forSimulation(loader.load("sim-jbd-4s-lfp"), CLOCK).read().packVoltageMv())
        .contains(13_280L);
    BatterySnapshot pylon = SimulatedBms.forSimulation(loader.load("sim-pylontech-us5000"), CLOCK).read();
    assertThat(pylon.packVoltageMv()).isPresent();
    assertThat(pylon.stateOfChargeCpct()).isPresent();
  }

  @Test
  void the_bundled_hardware_profiles_carry_their_bus_parameters() {
    HardwareProfile bq = loader.load("rpi-bq40z50-i2c1");
    assertThat(bq.protocol()).isEqualTo(Protocol.BQ40Z50_SMBUS);
    assertThat(bq.bus()).isEqualTo(new I2c(1, 0x0B, PecMode.AUTO, 50_000));
    assertThat(bq.sbs().orElseThrow().cellVoltageCommands()).containsExactly(0x3F, 0x3E, 0x3D, 0x3C);

    assertThat(loader.load("rpi-jbd-usb").bus()).isEqualTo(new Serial("/dev/ttyUSB0", 9600, Duration.ofMillis(300)));

    HardwareProfile can = loader.load("rpi-pylontech-can0");
    assertThat(can.bus()).isEqualTo(new SocketCan("can0", 500_000));
    assertThat(can.pylontech().orElseThrow().variant()).isEqualTo(PylontechVariant.V1_2);
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void real_boards_are_not_simulators(String id) {
    HardwareProfile p = loader.load(id);
    if (p.board() == Board.SIM) {
      return;
    }
    assertThatThrownBy(() -> SimulatedBms.forSimulation(p, CLOCK))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("profile " + id)
        .hasMessageContaining("is real hardware, not a simulator");
  }

  // ---- bad profiles

  static final String GOOD = """
      id: t
      description: test
      board: sim
      protocol: jbd-uart
      bus:
        type: sim
        fixture: jbd-4s-lfp
      poll:
        intervalMs: 1000
      pack:
        chemistry: LFP
        seriesCells: 4
        designCapacityAh: 100.0
        nominalVoltageV: 12.8
      """;

  static final String SERIAL = """
      id: t
      board: rpi4
      protocol: jbd-uart
      bus:
        type: serial
        device: /dev/ttyUSB0
        baud: 9600
      pack:
        chemistry: LFP
        seriesCells: 4
        designCapacityAh: 100
        nominalVoltageV: 12.8
      """;

  static HardwareProfile parse(String yaml) {
    return ProfileLoader.parse("t", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_good_test_profiles_parse_with_their_defaults() {
    HardwareProfile p = parse(GOOD);
    assertThat(p.pack().parallelCells()).isEqualTo(1);
    assertThat(p.label()).isEmpty();
    HardwareProfile s = parse(SERIAL);
    assertThat(s.bus()).isEqualTo(new Serial("/dev/ttyUSB0", 9600, Duration.ofMillis(300)));
    assertThat(s.poll().interval()).isEqualTo(Duration.ofMillis(5000));
    assertThat(s.description()).isEmpty();
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("unknown top-level key", GOOD + "colour: blue\n", "profile t: colour: unknown key"),
        Arguments.of("unknown nested key", GOOD.replace("  intervalMs: 1000", "  intervalMs: 1000\n  jitterMs: 5"),
            "profile t: poll.jitterMs: unknown key"),
        Arguments.of("wrong type", SERIAL.replace("baud: 9600", "baud: fast"),
            "profile t: bus.baud: expected a positive integer"),
        Arguments.of("negative", SERIAL.replace("baud: 9600", "baud: -1"),
            "profile t: bus.baud: expected a positive integer"),
        Arguments.of("wrong type for a number", GOOD.replace("designCapacityAh: 100.0", "designCapacityAh: lots"),
            "profile t: pack.designCapacityAh: expected a positive number"),
        Arguments.of("missing required key", GOOD.replace("  seriesCells: 4\n", ""),
            "profile t: pack.seriesCells: required"),
        Arguments.of("missing section", GOOD.substring(0, GOOD.indexOf("pack:")),
            "profile t: pack: required"),
        Arguments.of("missing device", SERIAL.replace("  device: /dev/ttyUSB0\n", ""),
            "profile t: bus.device: required"),
        Arguments.of("unknown protocol", GOOD.replace("protocol: jbd-uart", "protocol: daly-uart"),
            "profile t: protocol: expected one of sbs-smbus, bq40z50-smbus, jbd-uart, pylontech-can, sim-model, got "
                + "'daly-uart'"),
        Arguments.of("unknown board", GOOD.replace("board: sim", "board: rpi3"), "profile t: board: expected one of"),
        Arguments.of("unknown bus type", SERIAL.replace("type: serial", "type: usb"), "profile t: bus.type: expected one of"),
        Arguments.of("protocol on the wrong bus", SERIAL.replace("protocol: jbd-uart", "protocol: pylontech-can"),
            "profile t: bus.type: protocol pylontech-can runs over socketcan, not serial"),
        Arguments.of("sim bus on a real board", GOOD.replace("board: sim", "board: rpi5"),
            "profile t: bus.type: bus type sim needs board sim"),
        Arguments.of("fixture of another protocol", GOOD.replace("fixture: jbd-4s-lfp", "fixture: sbs-4s"),
            "profile t: bus.fixture: 'sbs-4s' is not a fixture for protocol jbd-uart"),
        Arguments.of("id not the file name", GOOD.replace("id: t", "id: other"), "profile t: id: is 'other'"),
        Arguments.of("sbs section on jbd", GOOD + "sbs:\n  cellVoltageCommands: [0x3F]\n", "profile t: sbs: only for"),
        Arguments.of("duplicate key", GOOD + "board: rpi4\n", "profile t: not valid YAML"),
        Arguments.of("not a mapping", "- a\n- b\n", "profile t: (document): expected a mapping"),
        Arguments.of("empty", "", "profile t: empty document"),
        Arguments.of("out of range", GOOD.replace("intervalMs: 1000", "intervalMs: 5"),
            "profile t: poll.intervalMs: expected an integer from 100"),
        Arguments.of("model fixture without simulation", GOOD.replace("fixture: jbd-4s-lfp", "fixture: model"),
            "profile t: simulation: required with bus.fixture: model"),
        Arguments.of("simulation without model fixture", GOOD + "simulation:\n  usage: idle\n",
            "profile t: simulation: only with bus.fixture: model"),
        Arguments.of("sim-model on another fixture", GOOD.replace("protocol: jbd-uart", "protocol: sim-model"),
            "profile t: bus.fixture: 'jbd-4s-lfp' is not a fixture for protocol sim-model (expected model)"),
        Arguments.of("sim-model on a real board", SERIAL.replace("protocol: jbd-uart", "protocol: sim-model"),
            "profile t: protocol: sim-model reads a simulated pack only"),
        Arguments.of("model chemistry unknown", MODEL.replace("chemistry: NMC", "chemistry: LTO"),
            "profile t: pack.chemistry: the pack model has curves for LFP and NMC only, got 'LTO'"),
        Arguments.of("unknown usage", MODEL.replace("usage: ebike", "usage: tractor"),
            "profile t: simulation.usage: expected one of ev-commute, ebike, stationary-pv, idle, got 'tractor'"),
        Arguments.of("missing usage", MODEL.replace("  usage: ebike\n", ""), "profile t: simulation.usage: required"),
        Arguments.of("unknown simulation key", MODEL.replace("  seed: 7\n", "  seed: 7\n  weather: rainy\n"),
            "profile t: simulation.weather: unknown key"),
        Arguments.of("ambient out of range", MODEL.replace("ambientC: 18", "ambientC: 90"),
            "profile t: simulation.ambientC: expected a number from -40 to 60"),
        Arguments.of("soc out of range", MODEL.replace("startSocPercent: 100", "startSocPercent: 101"),
            "profile t: simulation.startSocPercent: expected a number from 0 to 100"),
        Arguments.of("seed not an integer", MODEL.replace("seed: 7", "seed: 7.5"),
            "profile t: simulation.seed: expected an integer"),
        Arguments.of("start not an instant", MODEL.replace("  seed: 7\n", "  seed: 7\n  start: yesterday\n"),
            "profile t: simulation.start: expected an ISO-8601 UTC instant"),
        Arguments.of("event time not a duration", MODEL.replace("at: P60D", "at: 60 days"),
            "profile t: simulation.events[0].at: expected an ISO-8601 duration such as P60D or PT6H, got '60 days'"),
        Arguments.of("negative event time", MODEL.replace("at: P60D", "at: -P1D"),
            "profile t: simulation.events[0].at: expected a duration from PT0S"),
        Arguments.of("unknown event", MODEL.replace("event: deep-discharge", "event: flood"),
            "profile t: simulation.events[0].event: expected one of deep-discharge, over-temperature"),
        Arguments.of("event key of another event", MODEL.replace("event: deep-discharge}",
            "event: deep-discharge, ambientC: 70}"),
            "profile t: simulation.events[0].ambientC: unknown key (allowed here: at, event, duration)"),
        Arguments.of("event without at", MODEL.replace("at: P60D, ", ""), "profile t: simulation.events[0].at: required"),
        Arguments.of("imbalance cell out of range", MODEL.replace("cell: 3", "cell: 0"),
            "profile t: simulation.events[1].cell: expected an integer from 1 to 256"),
        Arguments.of("model speaks pylontech v1.2 only", MODEL.replace("protocol: jbd-uart", "protocol: pylontech-can")
            + "pylontech:\n  variant: v1.3\n", "profile t: pylontech.variant: the pack model encodes v1.2 frames only"));
  }

  static final String MODEL = """
      id: t
      board: sim
      protocol: jbd-uart
      bus:
        type: sim
        fixture: model
      pack:
        chemistry: NMC
        seriesCells: 10
        designCapacityAh: 17
        nominalVoltageV: 36
      simulation:
        usage: ebike
        ambientC: 18
        startSocPercent: 100
        seed: 7
        events:
          - {at: P60D, event: deep-discharge}
          - {at: P10D, event: cell-imbalance, cell: 3, capacityLossPercent: 12}
      """;

  @Test
  void a_model_profile_parses_its_simulation_section() {
    HardwareProfile p = parse(MODEL);
    HardwareProfile.Simulation s = p.simulation().orElseThrow();
    assertThat(s.usage()).isEqualTo(HardwareProfile.SimUsage.EBIKE);
    assertThat(s.ambientC()).isEqualTo(18.0);
    assertThat(s.startSocPercent()).isEqualTo(100.0);
    assertThat(s.seed()).isEqualTo(7L);
    assertThat(s.start()).isEmpty();
    assertThat(s.temperatureSensors()).isEqualTo(2);
    assertThat(s.events()).extracting(HardwareProfile.SimEvent::kind).containsExactly(
        HardwareProfile.SimEventKind.DEEP_DISCHARGE, HardwareProfile.SimEventKind.CELL_IMBALANCE);
    assertThat(s.events().get(0).at()).isEqualTo(Duration.ofDays(60));
    assertThat(s.events().get(1).cell()).contains(3);
    assertThat(s.events().get(1).capacityLossPercent()).contains(12.0);
    assertThat(parse(GOOD).simulation()).isEmpty();
  }

  @Test
  void a_pack_too_large_for_jbd_fields_is_refused_when_the_driver_is_built() {
    String big = MODEL.replace("seriesCells: 10", "seriesCells: 96").replace("designCapacityAh: 17",
        "designCapacityAh: 214");
    assertThatThrownBy(() -> SimulatedBms.forSimulation(parse(big), CLOCK)).isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("profile t: simulation: a JBD BMS reports at most 32 cells, pack has 96");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void a_bad_profile_is_rejected_naming_the_key(String why, String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ProfileException.class).hasMessageStartingWith(message);
  }

  @Test
  void a_bad_list_element_is_named_by_its_index() {
    String bq = SERIAL.replace("protocol: jbd-uart", "protocol: bq40z50-smbus")
        .replace("  type: serial\n  device: /dev/ttyUSB0\n  baud: 9600\n", "  type: i2c\n  address: 0x0B\n")
        + "sbs:\n  cellVoltageCommands: [0x3F, 0x3F]\n";
    assertThatThrownBy(() -> parse(bq)).isInstanceOf(ProfileException.class)
        .hasMessage("profile t: sbs.cellVoltageCommands[1]: command 0x3F repeated");
  }

  @Test
  void the_message_has_the_documented_shape(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rpi-jbd-usb.yaml");
    Files.writeString(file, SERIAL.replace("id: t", "id: rpi-jbd-usb").replace("baud: 9600", "baud: 0"));

    assertThatThrownBy(() -> new ProfileLoader(Optional.of(dir)).load("rpi-jbd-usb"))
        .isInstanceOf(ProfileException.class)
        .hasMessage("profile rpi-jbd-usb: bus.baud: expected a positive integer");
  }

  @Test
  void the_override_directory_wins_over_the_bundled_profile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("rpi-jbd-usb.yaml"),
        SERIAL.replace("id: t", "id: rpi-jbd-usb").replace("/dev/ttyUSB0", "/dev/ttyAMA0"));
    ProfileLoader withOverrides = new ProfileLoader(Optional.of(dir));

    assertThat(((Serial) withOverrides.load("rpi-jbd-usb").bus()).device()).isEqualTo("/dev/ttyAMA0");
    assertThat(withOverrides.load("sim-sbs-4s").id()).isEqualTo("sim-sbs-4s");
  }

  @Test
  void an_oversized_file_is_refused_before_parsing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.yaml");
    Files.writeString(file, "# " + "x".repeat(ProfileLoader.MAX_PROFILE_BYTES) + "\n");

    assertThatThrownBy(() -> loader.loadFile(file)).isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("profile big: ").hasMessageContaining("larger than");
  }

  @Test
  void unknown_and_malformed_ids_are_refused() {
    assertThatThrownBy(() -> loader.load("no-such-profile")).isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("profile no-such-profile: no such profile");
    assertThatThrownBy(() -> loader.load("../etc/passwd")).isInstanceOf(ProfileException.class)
        .hasMessageContaining("not a profile id");
  }
}

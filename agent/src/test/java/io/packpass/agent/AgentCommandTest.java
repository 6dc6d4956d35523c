package io.packpass.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.agent.profile.ProfileLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code packpass agent} black-box: arguments in, stdout / stderr / exit code out. */
class AgentCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path US5000_V12 = Path.of("src/test/resources/candump/us5000-v1.2.log");

  record Result(int exit, String out, String err) {
    List<JsonNode> jsonLines() throws IOException {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = AgentCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @TempDir
  Path tmp;

  // ---- help

  @Test
  void help_lists_the_commands_and_the_exit_codes() {
    Result r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("profiles", "read", "replay", "Exit codes:", "0", "1", "2", "3");
  }

  @Test
  void dash_capital_v_prints_the_product_version() {
    Result r = run("-V");
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).matches("PackPass (development|\\d+\\.\\d+\\.\\d+.*)");
  }

  @Test
  void a_usage_error_is_one_line_pointing_at_help() {
    Result r = run("read");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("packpass agent: Missing required option: '--profile=ID|FILE'")
        .contains("./packpass agent read --help");
    assertThat(r.err().lines()).hasSize(1);
  }

  // ---- profiles

  @Test
  void profiles_lists_every_bundled_profile_with_board_protocol_and_bus() {
    Result r = run("profiles");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    for (String id : new ProfileLoader().bundledIds()) {
      assertThat(r.out()).contains(id);
    }
    assertThat(r.out()).contains("ID", "BOARD", "PROTOCOL", "BUS", "DESCRIPTION")
        .containsPattern("rpi-jbd-usb +rpi4 +jbd-uart +serial /dev/ttyUSB0 9600")
        .containsPattern("sim-sbs-4s +sim +sbs-smbus +sim sbs-4s +Simulated SBS");
  }

  @Test
  void profiles_validate_reports_every_bundled_profile_ok() {
    Result r = run("profiles", "--validate");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("ok       sim-sbs-4s", "ok       rpi-pylontech-can0", "0 invalid");
  }

  @Test
  void profiles_validate_names_the_bad_key_of_a_profile_in_dir_and_exits_2() throws IOException {
    Files.writeString(tmp.resolve("my-pack.yaml"), """
        id: my-pack
        description: test
        board: sim
        protocol: jbd-uart
        bus:
          type: sim
          fixture: jbd-4s-lfp
        pack:
          chemistry: LFP
          seriesCells: four
          designCapacityAh: 100.0
          nominalVoltageV: 12.8
        """);

    Result r = run("profiles", "--validate", "--dir", tmp.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains("INVALID  profile my-pack: pack.seriesCells", "ok       sim-sbs-4s", "1 invalid");
  }

  @Test
  void profiles_with_a_missing_dir_is_a_one_line_error() {
    Result r = run("profiles", "--dir", tmp.resolve("nope").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("packpass agent: --dir ").contains("not a directory");
    assertThat(r.err().lines()).hasSize(1);
  }

  // ---- read

  @ParameterizedTest
  @ValueSource(strings = {"sim-sbs-4s", "sim-jbd-4s-lfp", "sim-pylontech-us5000"})
  void read_prints_every_sim_profile_for_people_with_units(String id) {
    Result r = run("read", "--profile", id);

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("profile            " + id, "pack voltage", " V\n", " A   (+ = charging",
        " °C", " %").doesNotContain("(missing)");
  }

  @Test
  void read_of_the_sbs_fixture_in_people_form() {
    Result r = run("read", "--profile", "sim-sbs-4s");

    assertThat(r.out()).contains("pack voltage       15.400 V\n", "current            -1.250 A",
        "temperatures       25.0 °C\n", "state of charge    62.00 %\n", "remaining          2.592 Ah\n",
        "design capacity    4.400 Ah\n", "cycle count        187\n", "alarms             none\n");
  }

  @Test
  void read_of_the_jbd_fixture_lists_cells_in_volts() {
    Result r = run("read", "--profile", "sim-jbd-4s-lfp");

    assertThat(r.out()).contains("pack voltage       13.280 V\n", "current            -2.500 A",
        "cells              3.320  3.318  3.322  3.321 V", "state of charge    65.00 %\n",
        "remaining          65.430 Ah\n", "device name        JBD-SP04S034\n");
  }

  @Test
  void read_json_of_the_sbs_fixture_has_integers_in_internal_units() throws IOException {
    Result r = run("read", "--profile", "sim-sbs-4s", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<JsonNode> lines = r.jsonLines();
    assertThat(lines).hasSize(1);
    JsonNode s = lines.get(0);
    assertThat(Instant.parse(s.get("time").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(s.get("packVoltageMv").isIntegralNumber()).isTrue();
    assertThat(s.get("packVoltageMv").asLong()).isEqualTo(15_400);
    assertThat(s.get("currentMa").asLong()).isEqualTo(-1_250);
    assertThat(s.get("temperaturesDc").get(0).asLong()).isEqualTo(250);
    assertThat(s.get("stateOfChargeCpct").asLong()).isEqualTo(6_200);
    assertThat(s.get("remainingCapacityMah").asLong()).isEqualTo(2_592);
    assertThat(s.get("fullChargeCapacityMah").asLong()).isEqualTo(4_180);
    assertThat(s.get("designCapacityMah").asLong()).isEqualTo(4_400);
    assertThat(s.get("cycleCount").asLong()).isEqualTo(187);
    assertThat(s.get("alarms").isArray()).isTrue();
    assertThat(s.get("missing").isArray()).isTrue();
    assertThat(s.get("missing")).isEmpty();
    assertThat(s.get("identity").get("manufactureDate").asText()).isEqualTo("2023-06-15");
    assertThat(fieldNames(s)).containsExactly("time", "packVoltageMv", "currentMa", "temperaturesDc",
        "cellVoltagesMv", "stateOfChargeCpct", "remainingCapacityMah", "fullChargeCapacityMah", "designCapacityMah",
        "cycleCount", "bmsStateOfHealthCpct", "alarms", "identity", "missing");
  }

  @Test
  void read_json_of_the_jbd_fixture_has_cells_in_mv() throws IOException {
    JsonNode s = run("read", "--profile", "sim-jbd-4s-lfp", "--json").jsonLines().get(0);

    assertThat(s.get("packVoltageMv").asLong()).isEqualTo(13_280);
    assertThat(s.get("currentMa").asLong()).isEqualTo(-2_500);
    assertThat(s.get("cellVoltagesMv").toString()).isEqualTo("[3320,3318,3322,3321]");
    assertThat(s.get("stateOfChargeCpct").asLong()).isEqualTo(6_500);
  }

  @Test
  void read_json_of_the_pylontech_sim() throws IOException {
    JsonNode s = run("read", "--profile", "sim-pylontech-us5000", "--json").jsonLines().get(0);

    assertThat(s.get("packVoltageMv").asLong()).isEqualTo(49_860);
    assertThat(s.get("currentMa").asLong()).isEqualTo(-27_000);
    assertThat(s.get("stateOfChargeCpct").asLong()).isEqualTo(8_800);
    assertThat(s.get("bmsStateOfHealthCpct").asLong()).isEqualTo(9_400);
    assertThat(s.get("identity").get("manufacturer").asText()).isEqualTo("PYLON");
    assertThat(s.get("cellVoltagesMv")).isEmpty();
    assertThat(s.get("remainingCapacityMah").isNull()).isTrue();
  }

  @Test
  void read_json_of_the_ebike_model_comes_through_jbd_frames() throws IOException {
    JsonNode s = run("read", "--profile", "sim-lmt", "--json").jsonLines().get(0);

    assertThat(s.get("cellVoltagesMv")).hasSize(10);
    assertThat(s.get("designCapacityMah").asLong()).isEqualTo(17_000);
    assertThat(s.get("stateOfChargeCpct").asLong()).isEqualTo(10_000); // starts full
    assertThat(s.get("packVoltageMv").asLong()).isBetween(41_800L, 42_100L);
    assertThat(s.get("missing")).isEmpty();
  }

  @Test
  void read_at_runs_a_model_profile_ahead_in_simulated_time() throws IOException {
    JsonNode now = run("read", "--profile", "sim-ev-nmc", "--json").jsonLines().get(0);
    JsonNode later = run("read", "--profile", "sim-ev-nmc", "--json", "--at", "P90D").jsonLines().get(0);

    Instant t0 = Instant.parse(now.get("time").asText());
    Instant t1 = Instant.parse(later.get("time").asText());
    assertThat(Duration.between(t0, t1)).isBetween(Duration.ofDays(90), Duration.ofDays(90).plusMinutes(1));
    assertThat(later.get("cycleCount").asLong()).isGreaterThan(now.get("cycleCount").asLong());
    assertThat(later.get("fullChargeCapacityMah").asLong()).isLessThan(now.get("fullChargeCapacityMah").asLong());
  }

  @Test
  void read_at_is_refused_for_a_fixed_fixture_and_for_a_bad_duration() {
    Result fixed = run("read", "--profile", "sim-jbd-4s-lfp", "--at", "P1D");
    Result bad = run("read", "--profile", "sim-ev-nmc", "--at", "90 days");

    assertThat(fixed.exit()).isEqualTo(2);
    assertThat(fixed.err()).isEqualTo("packpass agent: profile sim-jbd-4s-lfp: only a physics-model profile "
        + "(bus.fixture: model) can run ahead in simulated time" + System.lineSeparator());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("packpass agent: --at: expected an ISO-8601 duration");
  }

  @Test
  void read_of_a_real_board_without_its_device_says_what_to_do_in_one_line() throws IOException {
    Path profile = tmp.resolve("my-jbd.yaml");
    Files.writeString(profile, """
        id: my-jbd
        description: JBD on a tty no machine has
        board: rpi4
        protocol: jbd-uart
        bus:
          type: serial
          device: /dev/ttyPackPassNone9
        pack:
          chemistry: LFP
          seriesCells: 4
          designCapacityAh: 100
          nominalVoltageV: 12.8
        """);
    Result r = run("read", "--profile", profile.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("packpass agent: bus access: /dev/ttyPackPassNone9 does not exist: plug in the"
        + " serial adapter");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void simulate_serves_jbd_profiles_only() {
    Result r = run("simulate", "--profile", "sim-sbs-4s", "--serial", "/dev/null");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("packpass agent: profile sim-sbs-4s: simulate serves simulated JBD profiles"
        + " (e.g. sim-jbd-4s-lfp), not sbs-smbus over sim\n");
  }

  @Test
  void simulate_on_a_missing_device_is_one_line() {
    Result r = run("simulate", "--profile", "sim-jbd-4s-lfp", "--serial", tmp.resolve("ttyNone").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("packpass agent: bus access: " + tmp.resolve("ttyNone") + " does not exist");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void read_of_an_unknown_profile_is_one_line() {
    Result r = run("read", "--profile", "no-such-pack");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("packpass agent: profile no-such-pack: no such profile");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void read_of_a_profile_file() throws IOException {
    Path file = tmp.resolve("bench.yaml");
    Files.writeString(file, """
        id: bench
        description: bench pack
        board: sim
        protocol: sbs-smbus
        bus:
          type: sim
          fixture: sbs-4s
        pack:
          chemistry: LION
          seriesCells: 4
          designCapacityAh: 4.4
          nominalVoltageV: 14.4
        """);

    Result r = run("read", "--profile", file.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("profile            bench (bench pack)", "15.400 V");
  }

  // ---- replay

  @Test
  void replay_of_the_us5000_log_prints_a_json_snapshot() throws IOException {
    Result r = run("replay", "--profile", "sim-pylontech-us5000", "--trace", US5000_V12.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    List<JsonNode> lines = r.jsonLines();
    assertThat(lines).hasSize(1);
    JsonNode s = lines.get(0);
    assertThat(s.get("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(s.get("packVoltageMv").asLong()).isEqualTo(49_860);
    assertThat(s.get("currentMa").asLong()).isEqualTo(-27_000);
    assertThat(s.get("temperaturesDc").toString()).isEqualTo("[363]");
    assertThat(s.get("stateOfChargeCpct").asLong()).isEqualTo(8_800);
    assertThat(s.get("missing")).isEmpty();
  }

  static final String[] CYCLE = {
      "can0 351#1402C012C012C201",
      "can0 355#58005E00",
      "can0 356#7A13F2FE6B01",
      "can0 359#0000000006504E",
      "can0 35C#C000",
      "can0 35E#50594C4F4E202020"};

  /** {@code cycles} one-second cycles of the US5000 capture, as candump -l writes them. */
  static List<String> log(int cycles) {
    List<String> lines = new ArrayList<>();
    for (int c = 0; c < cycles; c++) {
      for (int i = 0; i < CYCLE.length; i++) {
        lines.add(String.format("(%d.%06d) %s", 1_700_000_000L + c, i * 2100, CYCLE[i]));
      }
    }
    return lines;
  }

  @Test
  void replay_prints_one_line_per_cycle_in_recorded_time() throws IOException {
    Path trace = Files.write(tmp.resolve("three.log"), log(3));

    Result r = run("replay", "--profile", "rpi-pylontech-can0", "--trace", trace.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.jsonLines()).extracting(n -> n.get("time").asText())
        .containsExactly("2023-11-14T22:13:20Z", "2023-11-14T22:13:21Z", "2023-11-14T22:13:22Z");
  }

  @Test
  void replay_reports_a_bad_line_by_number_and_goes_on_decoding() throws IOException {
    List<String> lines = log(3);
    lines.set(7, "(1700000001.002100) can0 355#58Z05E00"); // line 8: second cycle's 0x355
    Path trace = Files.write(tmp.resolve("bad.log"), lines);

    Result r = run("replay", "--profile", "sim-pylontech-us5000", "--trace", trace.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("packpass agent: " + trace + ": line 8: ").contains("not hex");
    assertThat(r.err().lines()).hasSize(1);
    List<JsonNode> snapshots = r.jsonLines();
    assertThat(snapshots).hasSizeGreaterThanOrEqualTo(2);
    // the lost 0x355 makes the second read take the third cycle's; the last read, in the third second,
    // decodes the rest and says what it lacks rather than inventing it
    assertThat(snapshots.get(1).get("stateOfChargeCpct").asLong()).isEqualTo(8_800);
    JsonNode last = snapshots.get(snapshots.size() - 1);
    assertThat(last.get("time").asText()).startsWith("2023-11-14T22:13:22");
    assertThat(last.get("packVoltageMv").asLong()).isEqualTo(49_860);
    assertThat(last.get("missing").toString()).contains("stateOfChargeCpct");
  }

  @Test
  void replay_reports_a_line_with_a_byte_that_is_not_ascii_and_goes_on_decoding() throws IOException {
    List<String> lines = log(3);
    lines.set(7, "(1700000001.002100) can0 355#58\u00b005E00"); // line 8, in UTF-8: second cycle's 0x355
    Path trace = Files.write(tmp.resolve("utf8.log"), lines, StandardCharsets.UTF_8);

    Result r = run("replay", "--profile", "sim-pylontech-us5000", "--trace", trace.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("packpass agent: " + trace + ": line 8: ").contains("not hex");
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.jsonLines()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void replay_with_a_too_short_window_still_decodes_partial_cycles() throws IOException {
    Path trace = Files.write(tmp.resolve("one.log"), log(1));

    Result r = run("replay", "--profile", "sim-pylontech-us5000", "--trace", trace.toString(), "--window-ms", "5");

    assertThat(r.exit()).as(r.toString()).isZero();
    List<JsonNode> snapshots = r.jsonLines();
    assertThat(snapshots).hasSizeGreaterThan(1);
    assertThat(snapshots.get(0).get("packVoltageMv").asLong()).isEqualTo(49_860);
    assertThat(snapshots.get(0).get("missing").toString()).contains("alarms", "identity.manufacturer");
  }

  @Test
  void replay_of_a_can_log_with_a_jbd_profile_reports_every_line_and_exits_2() {
    Result r = run("replay", "--profile", "sim-jbd-4s-lfp", "--trace", US5000_V12.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(US5000_V12 + ": line 1: 'can0' is not a byte in hex (two digits)")
        .endsWith("packpass agent: --trace " + US5000_V12 + ": no JBD response to 0x03 or 0x04 in the transcript"
            + System.lineSeparator());
  }

  @Test
  void replay_of_a_jbd_transcript_decodes_each_poll_and_reports_a_bad_checksum_by_line() throws IOException {
    Path trace = Files.writeString(tmp.resolve("jbd.txt"), String.join("\n",
        "# packbus.md 2.8 worked example, twice; the second cell answer has a wrong checksum",
        "> DD A5 03 00 FF FD 77",
        "< DD 03 00 1B 05 30 FF 06 19 8F 27 10 00 7B 2E CF 00 00 00 00 00 00 21 41 03 04 02 0B A5 0B 95 FA 99 77",
        "> DD A5 04 00 FF FC 77",
        "DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E7 77",
        "> DD A5 03 00 FF FD 77",
        "< DD 03 00 1B 05 30 FF 06 19 8F 27 10 00 7B 2E CF 00 00 00 00 00 00 21 41 03 04 02 0B A5 0B 95 FA 99 77",
        "> DD A5 04 00 FF FC 77",
        "< DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E6 77", ""));

    Result r = run("replay", "--profile", "sim-jbd-4s-lfp", "--trace", trace.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    List<JsonNode> polls = r.jsonLines();
    assertThat(polls).hasSize(2);
    assertThat(polls.get(0).get("packVoltageMv").asLong()).isEqualTo(13_280);
    assertThat(polls.get(0).get("currentMa").asLong()).isEqualTo(-2_500);
    assertThat(polls.get(0).get("cellVoltagesMv").toString()).isEqualTo("[3320,3318,3322,3321]");
    assertThat(polls.get(1).get("cellVoltagesMv").toString()).isEqualTo("[]");
    assertThat(polls.get(1).get("missing").toString()).isEqualTo("[\"cellVoltagesMv\",\"identity.deviceName\"]");
    assertThat(r.err()).startsWith("packpass agent: " + trace + ": line 9: JBD response to 0x04: bytes 12-13 (checksum)");
  }

  @Test
  void replay_of_an_smbus_transcript_marks_a_short_word_missing_and_goes_on() throws IOException {
    Path trace = Files.writeString(tmp.resolve("sbs.txt"), String.join("\n",
        "09 28 3C   # Voltage 15400 mV", "0A 1E", "0D 3E 00", "09 14 3C", "0A 24 FA", "0D 3D 00", ""));

    Result r = run("replay", "--profile", "sim-sbs-4s", "--trace", trace.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    List<JsonNode> polls = r.jsonLines();
    assertThat(polls).hasSize(2);
    assertThat(polls.get(0).get("packVoltageMv").asLong()).isEqualTo(15_400);
    assertThat(polls.get(0).get("currentMa").isNull()).isTrue();
    assertThat(polls.get(0).get("stateOfChargeCpct").asLong()).isEqualTo(6_200);
    assertThat(polls.get(1).get("currentMa").asLong()).isEqualTo(-1_500);
    assertThat(polls.get(0).get("time").asText()).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(polls.get(1).get("time").asText()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(r.err()).isEqualTo("packpass agent: " + trace + ": line 2: read word 0x0A at 0x0B: 1 bytes, expected 2 [1E]"
        + System.lineSeparator());
  }

  @Test
  void record_then_replay_gives_back_the_readings_and_never_overwrites() throws IOException {
    Path trace = tmp.resolve("lmt.txt");
    // sim-lmt with a fixed start, so the ride home (weekdays 17:15-17:45 UTC) is at a known time.
    Path profile = simLmtStartingAt("2026-11-25T00:00:00Z");

    Result rec = run("record", "--profile", profile.toString(), "--polls", "6", "--every", "PT1M", "--at",
        "PT17H20M", "--out", trace.toString());

    assertThat(rec.exit()).as(rec.toString()).isZero();
    assertThat(rec.err()).contains("recorded 6/6 polls");
    Result replay = run("replay", "--profile", "sim-lmt", "--trace", trace.toString());
    assertThat(replay.exit()).as(replay.toString()).isZero();
    List<JsonNode> polls = replay.jsonLines();
    assertThat(polls).hasSize(6);
    assertThat(polls.get(0).get("time").asText()).isEqualTo("2026-11-25T17:20:00Z");
    assertThat(Duration.between(Instant.parse(polls.get(0).get("time").asText()),
        Instant.parse(polls.get(5).get("time").asText()))).isEqualTo(Duration.ofMinutes(5));
    assertThat(polls).allSatisfy(p -> assertThat(p.get("currentMa").asLong()).isNegative()); // the ride home
    assertThat(polls).allSatisfy(p -> assertThat(p.get("cellVoltagesMv")).hasSize(10));

    Result again = run("record", "--profile", "sim-lmt", "--out", trace.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).isEqualTo("packpass agent: --out " + trace + ": already exists" + System.lineSeparator());
  }

  @Test
  void record_of_a_profile_without_a_bus_says_so() {
    Result r = run("record", "--profile", "sim-ev-nmc", "--out", tmp.resolve("ev.txt").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("protocol sim-model reads no bus, so there is nothing to record");
  }

  @Test
  void estimate_of_simulated_days_prints_the_annex_vii_values_with_method_and_uncertainty() throws IOException {
    // A fixed start: without one the simulation starts now, and the hour of day decides whether two
    // rest-OCV anchors 40 % of SoC apart fall inside the three days (from 20:16 they do).
    Path profile = simLmtStartingAt("2026-11-25T00:00:00Z");
    Result r = run("estimate", "--profile", profile.toString(), "--for", "P3D", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode e = r.jsonLines().get(0);
    assertThat(e.get("from").asText()).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(e.get("readings").asLong()).isEqualTo(3 * 24 * 60 + 1);
    JsonNode cycles = e.get("values").get("fullEquivalentCycles");
    assertThat(cycles.get("unit").asText()).isEqualTo("ccycle");
    assertThat(cycles.get("value").asLong()).isPositive();
    assertThat(cycles.get("method").asText()).isNotBlank();
    assertThat(e.get("values").has("stateOfHealth")).as("no full-to-empty segment and no rest-OCV anchor pair in these three days").isFalse();
    assertThat(r.err()).contains("simulated up to");

    Result text = run("estimate", "--profile", profile.toString(), "--for", "P1D");
    assertThat(text.out()).contains("full equivalent charge-discharge cycles", "BMS state of health cross-check:",
        "Negative events: 0");
  }

  @Test
  void estimate_from_a_trace_and_its_refusals() throws IOException {
    Result trace = run("estimate", "--profile", "sim-lmt", "--trace",
        "../hw-profiles/traces/sim-lmt/evening-ride-45-polls.txt", "--json");
    assertThat(trace.exit()).as(trace.toString()).isZero();
    assertThat(trace.jsonLines().get(0).get("readings").asLong()).isEqualTo(45);

    Result real = run("estimate", "--profile", "rpi-jbd-usb", "--for", "P1D");
    assertThat(real.exit()).isEqualTo(2);
    assertThat(real.err()).contains("is real hardware: estimate a history from a recorded trace (--trace) instead");

    Result both = run("estimate", "--profile", "sim-lmt", "--for", "P1D", "--trace", "x.txt");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void run_with_a_sim_profile_provisions_a_demo_identity_signs_and_resumes() throws IOException {
    Path dir = tmp.resolve("lmt-agent");

    Result first = run("run", "--profile", "sim-lmt", "--dir", dir.toString(), "--polls", "1");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("demo identity in " + dir, "not for production", "journal " + dir.resolve("journal")
        + " at seq 0", "stopped at seq 1");
    assertThat(Files.readString(dir.resolve("root.pem"))).startsWith("-----BEGIN CERTIFICATE-----");

    Result again = run("run", "--profile", "sim-lmt", "--dir", dir.toString(), "--polls", "1");
    assertThat(again.out()).contains("at seq 1", "stopped at seq 1");

    Result verify = run("journal", "verify", "--config", dir.resolve("agent.yaml").toString());
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("journal OK: seq 0..1");

    Result real = run("run", "--profile", "rpi-jbd-usb");
    assertThat(real.exit()).isEqualTo(2);
    assertThat(real.err()).contains("is real hardware: run it with --config");
  }

  @Test
  void replay_of_a_missing_log_or_a_bad_window_exits_2() {
    Result missing = run("replay", "--profile", "sim-pylontech-us5000", "--trace", tmp.resolve("no.log").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("packpass agent: --trace ").contains("no such file");

    Result window = run("replay", "--profile", "sim-pylontech-us5000", "--trace", US5000_V12.toString(),
        "--window-ms", "0");
    assertThat(window.exit()).isEqualTo(2);
    assertThat(window.err()).startsWith("packpass agent: --window-ms");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The bundled sim-lmt as a profile file whose simulation starts at {@code start}, not at the wall clock's now. */
  private Path simLmtStartingAt(String start) throws IOException {
    Path profile = tmp.resolve("lmt.yaml");
    String bundled = new String(getClass().getResourceAsStream("/io/packpass/hwprofiles/sim-lmt.yaml").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(profile, bundled.replace("id: sim-lmt", "id: lmt").replace("simulation:\n",
        "simulation:\n  start: " + start + "\n"));
    return profile;
  }
}

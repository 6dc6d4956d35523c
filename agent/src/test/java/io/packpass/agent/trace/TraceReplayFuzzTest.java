package io.packpass.agent.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.sim.BadLine;
import io.packpass.agent.bus.sim.TraceText;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.ProfileLoader;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code agent replay} on any trace file: the hex transcript parser ({@link
 * io.packpass.agent.bus.sim.HexTranscript}), its JBD and SMBus replays ({@link
 * io.packpass.agent.bus.sim.JbdTranscript}, {@link io.packpass.agent.bus.sim.SmbusTranscript}) and the
 * candump replay, each feeding its driver. The first input byte picks the profile (JBD, SBS, bq40z50,
 * Pylontech), the rest is the file, read as {@code agent replay} reads it. A replay ends with its
 * snapshots counted and every bad line reported with a line number of the file, or with a
 * {@link TraceException} when nothing could be decoded: never with another exception.
 */
class TraceReplayFuzzTest {
  private static final List<HardwareProfile> PROFILES = Stream.of("rpi-jbd-usb", "sim-sbs-4s", "rpi-bq40z50-i2c1",
      "rpi-pylontech-can0").map(new ProfileLoader()::load).toList();

  static {
    // Each replay builds its driver, and the SBS driver warns once per driver about capacities in 10 mWh.
    System.setProperty("org.slf4j.simpleLogger.log.io.packpass.agent.bms.sbs", "error");
  }

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void replays_a_trace_to_snapshots_and_numbered_bad_lines_or_says_it_holds_none(byte[] input) {
    if (input.length == 0) {
      return;
    }
    HardwareProfile profile = PROFILES.get((input[0] & 0xFF) % PROFILES.size());
    byte[] file = Arrays.copyOfRange(input, 1, input.length);
    List<BatterySnapshot> snapshots = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    TraceReplay.Result result;
    try {
      result = new TraceReplay(profile).replay(asReplayReadsIt(file), snapshots::add, bad::add);
    } catch (TraceException nothingDecoded) {
      assertThat(snapshots).isEmpty();
      return;
    }
    assertThat(result.snapshots()).isEqualTo(snapshots.size()).isPositive();
    assertThat(result.badLines()).isEqualTo(bad.size());
    long lines = new BufferedReader(new StringReader(new String(file, StandardCharsets.ISO_8859_1))).lines().count();
    assertThat(bad).allSatisfy(b -> assertThat(b.lineNumber()).isBetween(1, (int) lines));
  }

  /** As {@code agent replay} opens the trace. */
  private static Reader asReplayReadsIt(byte[] file) {
    return TraceText.reader(new ByteArrayInputStream(file));
  }
}

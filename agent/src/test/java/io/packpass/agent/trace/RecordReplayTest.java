package io.packpass.agent.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.TestClock;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.bq40z50.Bq40z50Driver;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.CanFrame;
import io.packpass.agent.bus.sim.BadLine;
import io.packpass.agent.bus.sim.CandumpReplay;
import io.packpass.agent.bus.sim.JbdUartPeer;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.ProfileLoader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A recording made by the recorders replays through {@link TraceReplay} to exactly the snapshots the
 * driver read live: the recorders and the transcript readers agree on the format.
 */
class RecordReplayTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
  final List<BadLine> bad = new ArrayList<>();

  @Test
  void an_smbus_recording_replays_to_the_live_snapshots_gaps_included() {
    SbsRegisterMap gauge = SbsRegisterMap.fixture4s();
    StringWriter recording = new StringWriter();
    List<BatterySnapshot> live = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Clock clock = Clock.fixed(T0.plusSeconds(5L * i), ZoneOffset.UTC);
      if (i == 1) {
        gauge.word(0x0A, 0x07D0).fault(0x4F, SbsRegisterMap.Fault.NACK); // +2000 mA, SOH unreadable
      }
      live.add(new Bq40z50Driver(new SmbusRecorder(gauge, recording, clock), clock).read());
    }

    List<BatterySnapshot> replayed = replay("rpi-bq40z50-i2c1", recording.toString());

    assertThat(bad).isEmpty();
    assertThat(replayed).containsExactlyElementsOf(live);
    assertThat(replayed.get(1).currentMa()).contains(2000L);
    assertThat(replayed.get(1).missing()).containsExactly("bmsStateOfHealthCpct");
    assertThat(recording.toString()).contains("# (1795161605.000000) read word 0x4F: nack:");
  }

  @Test
  void a_serial_recording_replays_to_the_live_snapshots() {
    JbdUartPeer peer = JbdUartPeer.workedExample();
    peer.setChunkSize(5); // responses arrive in pieces; the recorder joins them into one line per frame
    StringWriter recording = new StringWriter();
    TestClock clock = new TestClock(T0);
    SerialRecorder recorder = new SerialRecorder(peer.link(), recording, clock);
    JbdDriver driver = new JbdDriver(recorder, clock);
    List<BatterySnapshot> live = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.set(T0.plusSeconds(5L * i));
      if (i == 2) {
        peer.setState(peer.state().withCurrent(500));
      }
      live.add(driver.read());
    }
    recorder.flush();

    List<BatterySnapshot> replayed = replay("sim-jbd-4s-lfp", recording.toString());

    assertThat(bad).isEmpty();
    assertThat(replayed).containsExactlyElementsOf(live);
    assertThat(replayed.get(2).currentMa()).contains(5000L);
    assertThat(recording.toString().lines().filter(l -> l.contains(" < DD 03 00 1B"))).hasSize(3);
  }

  @Test
  void a_serial_recording_of_a_noisy_line_replays_to_the_live_snapshot() {
    JbdUartPeer peer = JbdUartPeer.workedExample();
    byte[] noise = new byte[900]; // line noise before every answer: the reader takes up to 1024 bytes a response
    java.util.Arrays.fill(noise, (byte) 0x55);
    peer.setLeadingGarbage(noise);
    StringWriter recording = new StringWriter();
    TestClock clock = new TestClock(T0);
    SerialRecorder recorder = new SerialRecorder(peer.link(), recording, clock);
    BatterySnapshot live = new JbdDriver(recorder, clock).read();
    recorder.flush();

    List<BatterySnapshot> replayed = replay("sim-jbd-4s-lfp", recording.toString());

    assertThat(bad).isEmpty();
    assertThat(replayed).containsExactly(live);
  }

  @Test
  void a_can_recording_is_a_candump_log() {
    StringWriter recording = new StringWriter();
    CandumpReplay source = CandumpReplay.ofText(
        "(1700000000.000000) can0 355#58005E00\n(1700000000.002100) can0 18FF50E5#03D4\n", bad::add);
    TestClock clock = new TestClock(Instant.ofEpochSecond(1_700_000_000L, 2_100_000));
    CandumpRecorder recorder = new CandumpRecorder(source, "can0", recording, clock);

    Optional<CanFrame> first = recorder.receive(Duration.ZERO);
    Optional<CanFrame> second = recorder.receive(Duration.ZERO);
    recorder.flush();

    assertThat(first).isPresent();
    assertThat(second.orElseThrow().extended()).isTrue();
    assertThat(recording.toString()).isEqualTo("(1700000000.002100) can0 355#58005E00\n"
        + "(1700000000.002100) can0 18FF50E5#03D4\n");
    List<CanFrame> reread = new ArrayList<>();
    CandumpReplay.ofText(recording.toString(), bad::add).next().ifPresent(f -> reread.add(f.frame()));
    assertThat(reread).containsExactly(first.get());
    assertThat(bad).isEmpty();
  }

  @Test
  void a_trace_with_no_decodable_answer_is_an_error_not_an_empty_replay() {
    HardwareProfile profile = new ProfileLoader().load("sim-sbs-4s");
    TraceReplay replay = new TraceReplay(profile);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> replay.replay(new StringReader("# nothing\n"), s -> { }, bad::add))
        .isInstanceOf(TraceException.class).hasMessageContaining("no SMBus answer");
  }

  @Test
  void answers_the_driver_never_asks_for_are_reported() {
    HardwareProfile profile = new ProfileLoader().load("sim-sbs-4s");
    List<BatterySnapshot> out = new ArrayList<>();
    new TraceReplay(profile).replay(new StringReader("09 28 3C\n3F 0A 0F\n"), out::add, bad::add);
    assertThat(out).hasSize(1);
    assertThat(bad).containsExactly(new BadLine(2, "recorded answer to 0x3F was never asked for by the sbs-smbus driver"));
  }

  @Test
  void a_jbd_response_the_driver_never_asks_for_is_reported_under_the_command_of_its_request() {
    List<BatterySnapshot> out = replay("rpi-jbd-usb", String.join("\n",
        "> DD A5 04 00 FF FC 77",
        "< DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E7 77",
        "> DD A5 07 00 FF F9 77",
        "< 42",
        "> DD A5 09 00 FF F7 77",
        "< 00 DD 09 00 00 FF 00 77", ""));

    assertThat(out).hasSize(1);
    assertThat(bad).contains(
        new BadLine(4, "recorded answer to 0x07 was never asked for by the jbd-uart driver"),
        new BadLine(6, "recorded answer to 0x09 was never asked for by the jbd-uart driver"));
  }

  private List<BatterySnapshot> replay(String profileId, String text) {
    List<BatterySnapshot> out = new ArrayList<>();
    try {
      new TraceReplay(new ProfileLoader().load(profileId)).replay(new StringReader(text), out::add, bad::add);
    } catch (BusException e) {
      throw new AssertionError(e);
    }
    return out;
  }
}

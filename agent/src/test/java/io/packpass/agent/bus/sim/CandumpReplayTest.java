package io.packpass.agent.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bus.CanFrame;
import io.packpass.agent.bus.sim.CandumpReplay.LoggedFrame;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Log lines as packbus.md §5.4 says candump writes them. */
class CandumpReplayTest {
  final List<BadLine> bad = new ArrayList<>();

  CandumpReplay replay(String... lines) {
    return CandumpReplay.ofText(String.join("\n", lines) + "\n", bad::add);
  }

  static CanFrame std(int id, String hex) {
    return CanFrame.standard(id, HexFormat.of().parseHex(hex));
  }

  @Test
  void replays_the_us5000_capture_with_interface_and_timestamps() {
    CandumpReplay r = CandumpReplay.ofResource("/candump/us5000-v1.2.log", bad::add);

    List<LoggedFrame> frames = new ArrayList<>();
    for (Optional<LoggedFrame> f = r.next(); f.isPresent(); f = r.next()) {
      frames.add(f.get());
    }

    assertThat(frames).extracting(f -> f.frame().toString()).containsExactly("351#1402C012C012C201",
        "355#58005E00", "356#7A13F2FE6B01", "359#0000000006504E", "35C#C000", "35E#50594C4F4E202020");
    assertThat(frames.get(1).timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 2_100_000L));
    assertThat(frames.get(5).timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 10_500_000L));
    assertThat(frames).extracting(LoggedFrame::interfaceName).containsOnly("can0");
    assertThat(frames).extracting(LoggedFrame::lineNumber).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(bad).isEmpty();
  }

  @Test
  void receive_returns_frames_then_empty_when_the_log_is_exhausted() {
    CandumpReplay r = replay("(1700000000.000000) can0 355#58005E00");
    assertThat(r.receive(Duration.ofSeconds(1))).contains(std(0x355, "58005E00"));
    assertThat(r.receive(Duration.ofSeconds(1))).isEmpty();
    assertThat(r.receive(Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void reports_a_bad_line_with_its_number_and_reason_and_goes_on_with_the_next() {
    CandumpReplay r = replay(
        "(1700000000.000000) can0 355#58005E00",
        "(1700000000.001000) can0 356#7A13F2FE6B0",
        "(1700000000.002000) can0 35E#50594C4F4E");

    assertThat(r.receive(Duration.ZERO)).contains(std(0x355, "58005E00"));
    assertThat(r.receive(Duration.ZERO)).contains(std(0x35E, "50594C4F4E"));
    assertThat(r.receive(Duration.ZERO)).isEmpty();
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).lineNumber()).isEqualTo(2);
    assertThat(bad.get(0).reason()).contains("odd number of hex digits").contains("356#7A13F2FE6B0");
    assertThat(r.badLineCount()).isEqualTo(1);
  }

  @Test
  void reports_every_kind_of_malformed_line_with_its_line_number() {
    CandumpReplay r = replay(
        "garbage",
        "1700000000.000000 can0 355#00",
        "(1700000000.00000) can0 355#00",
        "(1700000000.000000) can0 35#00",
        "(1700000000.000000) can0 800#00",
        "(1700000000.000000) can0 355#001122334455667788",
        "(1700000000.000000) can0 355#0G",
        "(1700000000.000000) can0 35500",
        "(1700000000.000000) can0 355#00 X",
        "(1700000000.000000) can0 355#0011_E",
        "(1700000000.000000) can0 356#0102");

    assertThat(r.receive(Duration.ZERO)).contains(std(0x356, "0102"));
    assertThat(bad).extracting(BadLine::lineNumber).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(bad).extracting(BadLine::reason).allSatisfy(reason -> assertThat(reason).isNotBlank());
    assertThat(bad.get(2).reason()).contains("bad timestamp");
    assertThat(bad.get(4).reason()).contains("out of range");
    assertThat(bad.get(5).reason()).contains("more than 8 data bytes");
  }

  @Test
  void accepts_nanoseconds_direction_separators_raw_dlc_lowercase_and_extended_ids() {
    CandumpReplay r = replay(
        "(1700000000.123456789) can0 355#58005E00",
        "(1700000000.000000)   can0 356#7A.13.F2.FE.6B.01 R",
        "(1700000000.000000) vcan10 351#1122334455667788_E T",
        "(1700000000.000000) can0 35e#50594c4f4e",
        "(1700000000.000000) can0 18FF50E5#03D400A000000000",
        "(1700000000.000000) can0 123#");

    LoggedFrame first = r.next().orElseThrow();
    assertThat(first.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_789L));
    assertThat(r.receive(Duration.ZERO)).contains(std(0x356, "7A13F2FE6B01"));
    LoggedFrame third = r.next().orElseThrow();
    assertThat(third.interfaceName()).isEqualTo("vcan10");
    assertThat(third.frame()).isEqualTo(std(0x351, "1122334455667788"));
    assertThat(r.receive(Duration.ZERO)).contains(std(0x35E, "50594C4F4E"));
    assertThat(r.receive(Duration.ZERO))
        .contains(CanFrame.extended(0x18FF50E5, HexFormat.of().parseHex("03D400A000000000")));
    assertThat(r.receive(Duration.ZERO)).contains(std(0x123, ""));
    assertThat(bad).isEmpty();
  }

  @Test
  void skips_blank_lines_and_crlf_endings_but_counts_them_in_line_numbers() {
    CandumpReplay r = CandumpReplay.ofText("\r\n\n(1700000000.000000) can0 355#58005E00\r\nbad\r\n", bad::add);
    assertThat(r.next().orElseThrow().lineNumber()).isEqualTo(3);
    assertThat(r.next()).isEmpty();
    assertThat(bad).extracting(BadLine::lineNumber).containsExactly(4);
  }

  @Test
  void reports_remote_error_and_fd_frames_as_unsupported_and_goes_on() {
    CandumpReplay r = replay(
        "(1700000000.000000) can0 123#R",
        "(1700000000.000000) can0 123#R7",
        "(1700000000.000000) can0 20000080#0000000000000000",
        "(1700000000.000000) can0 123##1112233",
        "(1700000000.000000) can0 35C#C000");

    assertThat(r.receive(Duration.ZERO)).contains(std(0x35C, "C000"));
    assertThat(bad).extracting(BadLine::lineNumber).containsExactly(1, 2, 3, 4);
    assertThat(bad).extracting(BadLine::reason).allSatisfy(reason -> assertThat(reason).contains("not supported"));
  }

  @Test
  void reports_an_overlong_line_without_keeping_it_and_goes_on() {
    String longLine = "(1700000000.000000) can0 355#" + "0".repeat(10_000);
    CandumpReplay r = new CandumpReplay(new StringReader(longLine + "\n(1700000000.000000) can0 35C#C000\n"),
        bad::add, 64);

    assertThat(r.receive(Duration.ZERO)).contains(std(0x35C, "C000"));
    assertThat(bad).containsExactly(new BadLine(1, "line longer than 64 characters"));
  }

  @Test
  void a_last_line_without_newline_is_read() {
    CandumpReplay r = CandumpReplay.ofText("(1700000000.000000) can0 35C#C000", bad::add);
    assertThat(r.receive(Duration.ZERO)).contains(std(0x35C, "C000"));
    assertThat(r.receive(Duration.ZERO)).isEmpty();
  }
}

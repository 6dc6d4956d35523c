package io.packpass.agent.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bus.sim.HexTranscript.Direction;
import io.packpass.agent.bus.sim.HexTranscript.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HexTranscriptTest {
  final List<BadLine> bad = new ArrayList<>();

  @Test
  void reads_directions_timestamps_and_comments() {
    List<Entry> entries = HexTranscript.parse(String.join("\n",
        "# a comment line",
        "",
        "> DD A5 03 00 FF FD 77   # request",
        "< dd 03 00",
        "09 28 3C",
        "(1700000000.250000) < 0A 1E FB",
        "(1700000000.123456789) > 01"), bad::add);

    assertThat(bad).isEmpty();
    assertThat(entries).extracting(Entry::lineNumber).containsExactly(3, 4, 5, 6, 7);
    assertThat(entries).extracting(Entry::direction).containsExactly(Direction.SENT, Direction.RECEIVED,
        Direction.RECEIVED, Direction.RECEIVED, Direction.SENT);
    assertThat(entries.get(0).bytes()).containsExactly(0xDD, 0xA5, 0x03, 0x00, 0xFF, 0xFD, 0x77);
    assertThat(entries.get(1).bytes()).containsExactly(0xDD, 0x03, 0x00);
    assertThat(entries.get(2).timestamp()).isEmpty();
    assertThat(entries.get(3).timestamp()).contains(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
    assertThat(entries.get(4).timestamp()).contains(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
  }

  @Test
  void a_byte_that_is_not_ascii_makes_its_line_bad_and_the_file_is_read_to_its_end(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("utf8.txt"), String.join("\n",
        "# 4S LiFePO\u2084 at 25 \u00b0C",
        "09 28 3C",
        "0A 1E F\u00c9",
        "0D 3E 00"), StandardCharsets.UTF_8);

    List<Entry> entries = HexTranscript.parse(file, bad::add);

    assertThat(entries).extracting(Entry::lineNumber).containsExactly(2, 4);
    assertThat(bad).extracting(BadLine::lineNumber).containsExactly(3);
  }

  @Test
  void reports_bad_lines_by_number_and_keeps_the_rest() {
    List<Entry> entries = HexTranscript.parse(String.join("\n",
        "09 28 3C",
        "09 2 3C",
        "> ",
        "(17000.1) 09 28 3C",
        "0A 1E FBX",
        "0D 3E 00",
        "x".repeat(HexTranscript.MAX_LINE_LENGTH + 1)), bad::add);

    assertThat(entries).extracting(Entry::lineNumber).containsExactly(1, 6);
    assertThat(bad).containsExactly(
        new BadLine(2, "'2' is not a byte in hex (two digits)"),
        new BadLine(3, "no bytes after the direction mark"),
        new BadLine(4, "timestamp is not (seconds.micros) or (seconds.nanos)"),
        new BadLine(5, "'FBX' is not a byte in hex (two digits)"),
        new BadLine(7, "line longer than " + HexTranscript.MAX_LINE_LENGTH + " characters"));
  }

  @Test
  void entries_do_not_share_their_bytes() {
    Entry e = HexTranscript.parseLine(1, "01 02").orElseThrow();
    e.bytes()[0] = 9;
    assertThat(e.byteAt(0)).isEqualTo(1);
    assertThat(HexTranscript.parseLine(1, "   # only a comment")).isEqualTo(Optional.empty());
  }
}

package io.packpass.agent.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.bus.sim.BadLine;
import io.packpass.agent.bus.sim.HexTranscript;
import io.packpass.agent.bus.sim.HexTranscript.Direction;
import io.packpass.agent.bus.sim.HexTranscript.Entry;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The hex transcript parser on any text: every line is a frame, a comment or blank, or a reported
 * bad line (never an exception), in line order; and what it read, written out again by the
 * recorder's {@link TranscriptWriter}, parses back to the same frames with no bad line (for frames of
 * up to 1024 bytes, the most a recorder writes on one line).
 */
class HexTranscriptFuzzTest {
  /** The most bytes a recorder puts on one line: what the JBD driver reads for one response. */
  private static final int MOST_A_RECORDER_WRITES = 1024;

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void reads_frames_that_the_recorder_writes_back_to_the_same_frames(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<BadLine> bad = new ArrayList<>();
    List<Entry> entries = HexTranscript.parse(text, bad::add);
    long lines = new BufferedReader(new StringReader(text)).lines().count();
    int previous = 0;
    for (Entry e : entries) {
      assertThat(e.lineNumber()).isGreaterThan(previous).isLessThanOrEqualTo((int) lines);
      assertThat(e.length()).isPositive();
      previous = e.lineNumber();
    }
    assertThat(bad).allSatisfy(b -> {
      assertThat(b.lineNumber()).isBetween(1, (int) lines);
      assertThat(entries).noneMatch(e -> e.lineNumber() == b.lineNumber());
    });

    List<Entry> recordable = entries.stream().filter(e -> e.length() <= MOST_A_RECORDER_WRITES).toList();
    StringWriter written = new StringWriter();
    ManualClock clock = new ManualClock();
    TranscriptWriter writer = new TranscriptWriter(written, clock);
    for (Entry e : recordable) {
      clock.set(e.timestamp().orElse(Instant.EPOCH));
      writer.frame(e.direction() == Direction.SENT, e.bytes());
    }
    List<Entry> again = HexTranscript.parse(written.toString(), b -> {
      throw new AssertionError("the recorder wrote a bad line: " + b);
    });
    assertThat(again).hasSameSizeAs(recordable);
    for (int i = 0; i < recordable.size(); i++) {
      assertThat(again.get(i).direction()).isEqualTo(recordable.get(i).direction());
      assertThat(again.get(i).bytes()).isEqualTo(recordable.get(i).bytes());
      Instant recorded = recordable.get(i).timestamp().orElse(Instant.EPOCH).truncatedTo(ChronoUnit.MICROS);
      assertThat(again.get(i).timestamp()).contains(recorded);
    }
  }
}

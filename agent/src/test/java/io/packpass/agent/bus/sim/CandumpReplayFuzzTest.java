package io.packpass.agent.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.bus.CanFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The candump-log parser on any text: every line is a frame or a reported bad line (never an
 * exception, never a lost line), and each frame is the one its line logs: printed back in candump
 * notation it is the line's frame token with the separators dropped and the hex in upper case, and
 * that notation replays to the same frame.
 */
class CandumpReplayFuzzTest {

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void replays_each_line_as_the_frame_it_logs_or_reports_it_as_bad(byte[] input) {
    String log = new String(input, StandardCharsets.UTF_8);
    List<BadLine> bad = new ArrayList<>();
    CandumpReplay replay = CandumpReplay.ofText(log, bad::add);
    List<String> lines = lines(log);
    int previous = 0;
    for (Optional<CandumpReplay.LoggedFrame> next = replay.next(); next.isPresent(); next = replay.next()) {
      CandumpReplay.LoggedFrame logged = next.get();
      assertThat(logged.lineNumber()).isGreaterThan(previous).isLessThanOrEqualTo(lines.size());
      previous = logged.lineNumber();
      String token = lines.get(logged.lineNumber() - 1).strip().split("\\s+")[2];
      CanFrame frame = logged.frame();
      assertThat(frame.toString()).isEqualTo(token.replace(".", "").replaceFirst("_[0-9A-Fa-f]$", "")
          .toUpperCase(Locale.ROOT));
      CandumpReplay again = CandumpReplay.ofText("(0.000000) can0 " + frame, b -> {
        throw new AssertionError("the printed frame is a bad line: " + b);
      });
      assertThat(again.next().orElseThrow().frame()).isEqualTo(frame);
    }
    assertThat(bad).allSatisfy(b -> assertThat(b.lineNumber()).isBetween(1, lines.size()));
    assertThat(replay.badLineCount()).isEqualTo(bad.size());
  }

  /** The lines as candump writes them: ended by LF, an optional CR before it dropped. */
  private static List<String> lines(String log) {
    List<String> lines = new ArrayList<>(List.of(log.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    return lines;
  }
}

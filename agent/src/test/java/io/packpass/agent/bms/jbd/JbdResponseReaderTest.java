package io.packpass.agent.bms.jbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.SerialLink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Reassembly of one response from a stream delivered in scripted pieces. */
class JbdResponseReaderTest {
  static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
  static final Duration SHORT = Duration.ofMillis(5);

  /** Each read returns the next scripted piece (cut to the buffer), then 0 = timeout. */
  static final class ScriptedLink implements SerialLink {
    final Deque<byte[]> pieces = new ArrayDeque<>();

    ScriptedLink(String... hexPieces) {
      for (String p : hexPieces) {
        pieces.add(HEX.parseHex(p));
      }
    }

    @Override
    public void write(byte[] bytes) {}

    @Override
    public int read(byte[] buffer, int offset, int length, Duration timeout) {
      byte[] p = pieces.poll();
      if (p == null) {
        return 0;
      }
      int n = Math.min(length, p.length);
      System.arraycopy(p, 0, buffer, offset, n);
      if (n < p.length) {
        pieces.push(java.util.Arrays.copyOfRange(p, n, p.length));
      }
      return n;
    }

    @Override
    public void drain() {
      pieces.clear();
    }
  }

  static JbdFrame.Response read(int command, String... pieces) {
    return new JbdResponseReader(new ScriptedLink(pieces), SHORT, 1024).read(command);
  }

  @Test
  void a_frame_delivered_one_byte_at_a_time_is_reassembled() {
    String[] bytes = JbdFrameTest.CELLS.split(" ");
    assertThat(read(0x04, bytes).payload()).hasSize(8);
  }

  @Test
  void leading_garbage_is_skipped() {
    assertThat(read(0x04, "00 FF 77 DD", "12 " + JbdFrameTest.CELLS).ok()).isTrue();
  }

  @Test
  void garbage_that_looks_like_a_frame_start_does_not_hide_the_real_frame() {
    // "DD 04 DD 04" claims an 11-byte frame that fails validation; the real frame starts inside it.
    assertThat(read(0x04, "DD 04 " + JbdFrameTest.CELLS).payload()).hasSize(8);
  }

  @Test
  void a_false_start_claiming_a_long_frame_does_not_hide_the_real_frame() {
    // "DD 04 00 FF" claims a 262-byte frame that never completes; the real frame is inside it.
    assertThat(read(0x04, "DD 04 00 FF", JbdFrameTest.CELLS).payload()).hasSize(8);
  }

  @Test
  void a_truncated_frame_is_reported_first_even_if_noise_follows() {
    assertThatThrownBy(() -> read(0x04, "DD 04 00 08 0C F8", "DD"))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
        .hasMessageContaining("truncated: 7 of 15 bytes");
  }

  @Test
  void silence_is_a_timeout() {
    assertThatThrownBy(() -> read(0x03))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
        .hasMessageContaining("0x03");
  }

  @Test
  void only_garbage_is_a_timeout() {
    assertThatThrownBy(() -> read(0x03, "01 02 03 77"))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
  }

  @Test
  void a_frame_that_stops_short_is_malformed_not_a_timeout() {
    assertThatThrownBy(() -> read(0x04, "DD 04 00 08 0C F8"))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
        .hasMessageContaining("truncated: 6 of 15 bytes");
  }

  @Test
  void a_frame_with_a_bad_checksum_reports_bad_checksum_after_the_line_goes_quiet() {
    assertThatThrownBy(() -> read(0x04, "DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E6 77"))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKSUM));
  }

  @Test
  void an_endless_stream_without_a_frame_is_cut_off() {
    String noise = "00 ".repeat(300).trim();
    assertThatThrownBy(() -> new JbdResponseReader(new ScriptedLink(noise, noise, noise, noise, noise), SHORT, 1024)
        .read(0x03))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
        .hasMessageContaining("no JBD response to 0x03 in 1024 bytes");
  }
}

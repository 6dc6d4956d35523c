package io.packpass.agent.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bus.SerialLink;
import io.packpass.agent.bus.sim.JbdUartPeer.Command;
import io.packpass.agent.bus.sim.JbdUartPeer.Fault;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The simulator must produce the exact bytes of packbus.md §2.8, independently of the driver's codec. */
class JbdUartPeerTest {
  static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
  static final Duration SHORT = Duration.ofMillis(5);

  @Test
  void worked_example_state_answers_with_the_exact_bytes_of_section_2_8() {
    var peer = JbdUartPeer.workedExample();
    peer.receive(HEX.parseHex("DD A5 03 00 FF FD 77"));
    peer.receive(HEX.parseHex("DD A5 04 00 FF FC 77"));
    peer.receive(HEX.parseHex("DD A5 05 00 FF FB 77"));
    assertThat(HEX.formatHex(peer.takeOutput())).isEqualTo(
        "DD 03 00 1B 05 30 FF 06 19 8F 27 10 00 7B 2E CF 00 00 00 00 00 00 21 41 03 04 02 0B A5 0B 95 FA 99 77"
            + " DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E7 77"
            + " DD 05 00 0C 4A 42 44 2D 53 50 30 34 53 30 33 34 FD 06 77");
  }

  @Test
  void requests_split_across_writes_and_preceded_by_noise_are_still_answered() {
    var peer = JbdUartPeer.workedExample();
    peer.receive(HEX.parseHex("00 DD 12 DD A5"));
    assertThat(peer.takeOutput()).isEmpty();
    peer.receive(HEX.parseHex("04 00 FF FC 77"));
    assertThat(HEX.formatHex(peer.takeOutput())).startsWith("DD 04 00 08");
    assertThat(peer.requestCount(Command.CELL_VOLTAGES)).isEqualTo(1);
  }

  @Test
  void requests_with_a_bad_checksum_or_unknown_command_get_no_answer() {
    var peer = JbdUartPeer.workedExample();
    peer.receive(HEX.parseHex("DD A5 03 00 FF FE 77"));
    peer.receive(JbdRequests.read(0x06));
    assertThat(peer.takeOutput()).isEmpty();
  }

  @Test
  void injected_faults_shape_the_answer() {
    var peer = JbdUartPeer.workedExample();
    peer.inject(Command.CELL_VOLTAGES, Fault.BAD_CHECKSUM);
    peer.receive(JbdRequests.read(0x04));
    assertThat(HEX.formatHex(peer.takeOutput())).isEqualTo("DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E6 77");

    peer.inject(Command.CELL_VOLTAGES, Fault.TRUNCATED);
    peer.receive(JbdRequests.read(0x04));
    assertThat(HEX.formatHex(peer.takeOutput())).isEqualTo("DD 04 00 08 0C F8 0C");

    peer.inject(Command.CELL_VOLTAGES, Fault.SILENCE);
    peer.receive(JbdRequests.read(0x04));
    assertThat(peer.takeOutput()).isEmpty();

    peer.inject(Command.CELL_VOLTAGES, Fault.ERROR_STATUS);
    peer.receive(JbdRequests.read(0x04));
    assertThat(HEX.formatHex(peer.takeOutput())).isEqualTo("DD 04 80 00 FF 80 77");
  }

  @Test
  void link_delivers_in_chunks_after_leading_garbage_and_drain_discards() {
    var peer = JbdUartPeer.workedExample();
    peer.setChunkSize(3);
    peer.setLeadingGarbage(HEX.parseHex("FF 00"));
    SerialLink link = peer.link();
    link.write(JbdRequests.read(0x04));
    byte[] buf = new byte[64];
    assertThat(link.read(buf, 0, 64, SHORT)).isEqualTo(3);
    assertThat(HEX.formatHex(buf, 0, 3)).isEqualTo("FF 00 DD");
    link.drain();
    assertThat(link.read(buf, 0, 64, SHORT)).isZero();
  }

  /** Requests built by hand here, so these tests do not depend on the driver's encoder. */
  static final class JbdRequests {
    static byte[] read(int command) {
      int sum = (0x10000 - command) & 0xFFFF;
      return new byte[] {(byte) 0xDD, (byte) 0xA5, (byte) command, 0, (byte) (sum >> 8), (byte) sum, 0x77};
    }
  }
}

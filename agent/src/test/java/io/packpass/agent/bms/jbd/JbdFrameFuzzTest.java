package io.packpass.agent.bms.jbd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import java.util.Arrays;

/**
 * The JBD frame codec on any bytes (first byte: the command the response should echo, the rest: the
 * frame): {@link JbdFrame#decodeResponse} gives a response that {@link JbdFrame#response} encodes back
 * to exactly the frame, or a MALFORMED / BAD_CHECKSUM {@link BusException}; {@link JbdBasicInfo#parse}
 * of any payload gives the info or a MALFORMED one.
 */
class JbdFrameFuzzTest {

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void decodes_only_frames_that_encode_back_the_same_and_rejects_the_rest_with_a_bus_exception(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int command = input[0] & 0xFF;
    byte[] frame = Arrays.copyOfRange(input, 1, input.length);
    try {
      JbdFrame.Response response = JbdFrame.decodeResponse(frame, command);
      assertThat(response.command()).isEqualTo(command);
      assertThat(JbdFrame.response(response.command(), response.status(), response.payload())).isEqualTo(frame);
    } catch (BusException rejected) {
      assertThat(rejected.kind()).isIn(Kind.MALFORMED, Kind.BAD_CHECKSUM);
    }
    try {
      JbdBasicInfo info = JbdBasicInfo.parse(frame);
      assertThat(info.temperaturesDeciKelvin()).hasSize(frame[22] & 0xFF);
    } catch (BusException rejected) {
      assertThat(rejected.kind()).isEqualTo(Kind.MALFORMED);
    }
  }
}

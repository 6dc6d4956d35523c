package io.packpass.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanFrameTest {

  @Test
  void prints_a_standard_frame_in_candump_style() {
    assertThat(CanFrame.standard(0x355, (byte) 0x58, (byte) 0x00, (byte) 0x5E, (byte) 0x00))
        .hasToString("355#58005E00");
    assertThat(CanFrame.standard(0x05)).hasToString("005#");
  }

  @Test
  void prints_an_extended_frame_with_eight_id_digits() {
    assertThat(CanFrame.extended(0x18FF50E5, (byte) 0x03, (byte) 0xD4)).hasToString("18FF50E5#03D4");
    assertThat(CanFrame.extended(0x355)).hasToString("00000355#");
  }

  @Test
  void two_argument_constructor_makes_ids_above_0x7ff_extended() {
    assertThat(new CanFrame(0x7FF, new byte[0]).extended()).isFalse();
    assertThat(new CanFrame(0x800, new byte[0]).extended()).isTrue();
  }

  @Test
  void copies_data_in_and_out() {
    byte[] data = {1, 2, 3};
    CanFrame f = new CanFrame(0x123, data);
    data[0] = 9;
    f.data()[1] = 9;
    assertThat(f.data()).containsExactly(1, 2, 3);
    assertThat(f.length()).isEqualTo(3);
    assertThat(f.u8(2)).isEqualTo(3);
  }

  @Test
  void equal_when_id_format_and_data_are_equal() {
    assertThat(CanFrame.standard(0x355, (byte) 1)).isEqualTo(CanFrame.standard(0x355, (byte) 1))
        .hasSameHashCodeAs(CanFrame.standard(0x355, (byte) 1))
        .isNotEqualTo(CanFrame.extended(0x355, (byte) 1))
        .isNotEqualTo(CanFrame.standard(0x355, (byte) 2));
  }

  @Test
  void rejects_more_than_eight_data_bytes_and_ids_out_of_range() {
    assertThatThrownBy(() -> new CanFrame(0x123, new byte[9])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanFrame.standard(0x800)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanFrame.extended(0x2000_0000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CanFrame(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }
}

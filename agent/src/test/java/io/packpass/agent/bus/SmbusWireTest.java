package io.packpass.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SmbusWireTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  @Test
  void word_is_little_endian() {
    // packbus.md §0.1: 16800 mV arrives as A0 41
    assertThat(SmbusWire.word(0x0B, 0x09, HEX.parseHex("A0 41"), false)).isEqualTo(16800);
  }

  @Test
  void word_with_good_pec_is_accepted() {
    assertThat(SmbusWire.word(0x0B, 0x09, HEX.parseHex("A0 41 B3"), true)).isEqualTo(16800);
  }

  @Test
  void word_with_bad_pec_is_refused_as_bad_pec() {
    assertThatThrownBy(() -> SmbusWire.word(0x0B, 0x09, HEX.parseHex("A0 41 B4"), true))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(BusException.Kind.BAD_PEC))
        .hasMessageContaining("0xB4 received, 0xB3 computed");
  }

  @Test
  void word_of_one_byte_is_malformed() {
    assertThatThrownBy(() -> SmbusWire.word(0x0B, 0x09, HEX.parseHex("A0"), false))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(BusException.Kind.MALFORMED));
  }

  @Test
  void block_returns_the_data_after_the_count() {
    assertThat(SmbusWire.block(0x0B, 0x20, HEX.parseHex("05 53 41 4E 59 4F 97"), true))
        .isEqualTo("SANYO".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void block_shorter_than_its_count_is_malformed() {
    assertThatThrownBy(() -> SmbusWire.block(0x0B, 0x20, HEX.parseHex("05 53 41 4E 59"), false))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(BusException.Kind.MALFORMED))
        .hasMessageContaining("count 5 but 5 bytes arrived, expected 6");
  }

  @Test
  void block_count_above_32_is_malformed() {
    byte[] wire = new byte[34];
    wire[0] = 33;
    assertThatThrownBy(() -> SmbusWire.block(0x0B, 0x20, wire, false))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(BusException.Kind.MALFORMED));
  }
}

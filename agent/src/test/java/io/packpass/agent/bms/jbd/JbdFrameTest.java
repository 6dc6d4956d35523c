package io.packpass.agent.bms.jbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames and vectors from packbus.md §2.2 and the worked example of §2.8. */
class JbdFrameTest {
  static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  /** §2.8: 0x03 answer of a 4S LiFePO₄ 100 Ah pack. */
  static final String BASIC_INFO = "DD 03 00 1B 05 30 FF 06 19 8F 27 10 00 7B 2E CF 00 00 00 00 00 00 21 41 03 04 02"
      + " 0B A5 0B 95 FA 99 77";
  /** §2.8: 0x04 answer, 3320, 3318, 3322, 3321 mV. */
  static final String CELLS = "DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E7 77";
  /** §2.8: 0x05 answer, "JBD-SP04S034". */
  static final String MODEL = "DD 05 00 0C 4A 42 44 2D 53 50 30 34 53 30 33 34 FD 06 77";

  static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  @Test
  void read_requests_match_the_fixed_bytes_of_section_2_2() {
    assertThat(HEX.formatHex(JbdFrame.readRequest(0x03))).isEqualTo("DD A5 03 00 FF FD 77");
    assertThat(HEX.formatHex(JbdFrame.readRequest(0x04))).isEqualTo("DD A5 04 00 FF FC 77");
    assertThat(HEX.formatHex(JbdFrame.readRequest(0x05))).isEqualTo("DD A5 05 00 FF FB 77");
  }

  @Test
  void write_request_matches_the_vendor_mos_control_example() {
    assertThat(HEX.formatHex(JbdFrame.request(JbdFrame.WRITE, 0xE1, hex("00 02"))))
        .isEqualTo("DD 5A E1 02 00 02 FF 1B 77");
  }

  @Test
  void worked_example_basic_info_decodes_to_the_documented_values() {
    JbdFrame.Response r = JbdFrame.decodeResponse(hex(BASIC_INFO), 0x03);
    assertThat(r.ok()).isTrue();
    assertThat(r.payload()).hasSize(27);

    JbdBasicInfo b = JbdBasicInfo.parse(r.payload());
    assertThat(b.voltage10mV()).isEqualTo(1328);
    assertThat(b.current10mA()).isEqualTo(-250);
    assertThat(b.remaining10mAh()).isEqualTo(6543);
    assertThat(b.nominal10mAh()).isEqualTo(10000);
    assertThat(b.cycles()).isEqualTo(123);
    assertThat(b.productionDate()).isEqualTo(0x2ECF);
    assertThat(b.balanceBits()).isZero();
    assertThat(b.protection()).isZero();
    assertThat(b.version()).isEqualTo(0x21);
    assertThat(b.rsocPercent()).isEqualTo(65);
    assertThat(b.fetStatus()).isEqualTo(0b11);
    assertThat(b.cellCount()).isEqualTo(4);
    assertThat(b.temperaturesDeciKelvin()).containsExactly(2981, 2965);
  }

  @Test
  void worked_example_basic_info_reencodes_to_the_same_34_bytes() {
    byte[] payload = JbdFrame.decodeResponse(hex(BASIC_INFO), 0x03).payload();
    assertThat(HEX.formatHex(JbdFrame.response(0x03, 0x00, payload))).isEqualTo(BASIC_INFO);
  }

  @Test
  void worked_example_cell_and_model_replies_decode() {
    assertThat(HEX.formatHex(JbdFrame.decodeResponse(hex(CELLS), 0x04).payload()))
        .isEqualTo("0C F8 0C F6 0C FA 0C F9");
    assertThat(new String(JbdFrame.decodeResponse(hex(MODEL), 0x05).payload(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("JBD-SP04S034");
  }

  @Test
  void sixteen_cell_capture_with_zero_ntcs_decodes() {
    byte[] f = hex("DD 03 00 17 00 00 00 00 00 00 27 10 00 00 2C 50 00 00 00 00 00 00 20 00 01 10 00 FF 05 77");
    JbdBasicInfo b = JbdBasicInfo.parse(JbdFrame.decodeResponse(f, 0x03).payload());
    assertThat(b.cellCount()).isEqualTo(16);
    assertThat(b.temperaturesDeciKelvin()).isEmpty();
    assertThat(b.fetStatus()).isEqualTo(1);
  }

  @Test
  void response_checksum_covers_status_length_and_payload_but_not_the_echoed_command() {
    byte[] f = hex(BASIC_INFO);
    // Σ(bytes[2 .. 31)) gives FA 99; including the command byte 0x03 would give FA 96.
    assertThat(JbdFrame.checksum(f, 2, 4 + 27)).isEqualTo(0xFA99);
    assertThat(JbdFrame.checksum(f, 1, 4 + 27)).isEqualTo(0xFA96);
    assertThat(JbdFrame.checksum(hex(CELLS), 2, 12)).isEqualTo(0xFBE7);
  }

  @Test
  void a_checksum_computed_over_the_command_byte_is_rejected() {
    byte[] f = hex(BASIC_INFO);
    f[32] = (byte) 0x96; // FA 96: the "command byte summed" mistake
    assertThatThrownBy(() -> JbdFrame.decodeResponse(f, 0x03))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKSUM))
        .hasMessageContaining("bytes 31-32").hasMessageContaining("0xFA96").hasMessageContaining("0xFA99");
  }

  @Test
  void request_checksum_covers_command_length_and_data() {
    byte[] r = JbdFrame.readRequest(0x03);
    assertThat(JbdFrame.checksum(r, 2, 4)).isEqualTo(0xFFFD);
  }

  @Test
  void an_error_status_decodes_as_a_response_that_is_not_ok() {
    byte[] f = JbdFrame.response(0x03, 0x80, new byte[0]);
    assertThat(HEX.formatHex(f)).isEqualTo("DD 03 80 00 FF 80 77");
    JbdFrame.Response r = JbdFrame.decodeResponse(f, 0x03);
    assertThat(r.ok()).isFalse();
    assertThat(r.status()).isEqualTo(0x80);
  }

  record Broken(String description, String hex, String messagePart) {}

  @Test
  void malformed_frames_are_rejected_with_the_offending_byte_named() {
    var cases = List.of(
        new Broken("wrong start", "DE 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E7 77", "byte 0 is 0xDE"),
        new Broken("other command echoed", CELLS.replaceFirst("DD 04", "DD 05"), "byte 1 echoes command 0x05"),
        new Broken("unknown status", "DD 04 01 08 0C F8 0C F6 0C FA 0C F9 FB E6 77", "byte 2 (status) is 0x01"),
        new Broken("length too long", "DD 04 00 09 0C F8 0C F6 0C FA 0C F9 FB E6 77", "byte 3 (length) says 9"),
        new Broken("wrong end", "DD 04 00 08 0C F8 0C F6 0C FA 0C F9 FB E7 78", "byte 14 is 0x78"),
        new Broken("too short", "DD 04 00 FF 77", "shorter than the 7-byte minimum"));
    for (Broken c : cases) {
      assertThatThrownBy(() -> JbdFrame.decodeResponse(hex(c.hex()), 0x04)).as(c.description())
          .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
          .hasMessageContaining(c.messagePart());
    }
  }

  @Test
  void a_flipped_payload_byte_is_a_bad_checksum() {
    byte[] f = hex(CELLS);
    f[5] ^= 0x01;
    assertThatThrownBy(() -> JbdFrame.decodeResponse(f, 0x04))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_CHECKSUM));
  }

  @Test
  void a_basic_info_payload_shorter_than_its_ntc_count_is_malformed() {
    byte[] payload = JbdFrame.decodeResponse(hex(BASIC_INFO), 0x03).payload();
    payload[22] = 3; // three NTCs announced, two present
    assertThatThrownBy(() -> JbdBasicInfo.parse(payload))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
        .hasMessageContaining("announces 3 NTCs");
  }

  @Test
  void response_payload_is_copied_in_and_out() {
    byte[] p = {1, 2};
    var r = new JbdFrame.Response(0x04, 0, p);
    p[0] = 9;
    r.payload()[1] = 9;
    assertThat(r.payload()).containsExactly(1, 2);
    assertThat(r).isEqualTo(new JbdFrame.Response(0x04, 0, new byte[] {1, 2}));
  }
}

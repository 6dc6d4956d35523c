package io.packpass.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** CRC-8/SMBUS against packbus.md §1.2. */
class PecTest {

  @Test
  void check_value_of_123456789_is_F4() {
    assertThat(Pec.crc8("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xF4);
  }

  @Test
  void crc_of_nothing_is_zero() {
    assertThat(Pec.crc8()).isZero();
  }

  // packbus.md §1.2 worked PEC values for address 0x0B: PEC input = 16 <cmd> 17 <wire bytes>
  @ParameterizedTest(name = "command 0x{0} answering [{1}] has PEC 0x{2}")
  @CsvSource({
      "09, A0 41, B3", // Voltage 16800 mV
      "08, A5 0B, 15", // Temperature 2981 (25.0 °C)
      "0A, 1E FB, 3F", // Current -1250 mA
      "10, 54 10, 82", // FullChargeCapacity 4180 mAh
      "18, 30 11, 94", // DesignCapacity 4400 mAh
      "20, 05 53 41 4E 59 4F, 97", // ManufacturerName block "SANYO"
  })
  void pec_of_a_read_covers_both_address_bytes_command_and_answer(String command, String wire, String pec) {
    byte[] answer = HexFormat.ofDelimiter(" ").parseHex(wire);
    int cmd = Integer.parseInt(command, 16);

    assertThat(Pec.ofRead(0x0B, cmd, answer)).isEqualTo(Integer.parseInt(pec, 16));
    byte[] whole = HexFormat.ofDelimiter(" ").parseHex("16 " + command + " 17 " + wire);
    assertThat(Pec.crc8(whole)).isEqualTo(Integer.parseInt(pec, 16));
  }
}

package io.packpass.agent.bus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.sim.SbsRegisterMap.Fault;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbsRegisterMapTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  // packbus.md §1.9, every row: command, wire bytes after the read address, PEC
  @ParameterizedTest(name = "fixture word 0x{0} is [{1}] with PEC {2}")
  @CsvSource({
      "03, 00 00, F7", "08, A5 0B, 15", "09, 28 3C, D9", "0A, 1E FB, 3F", "0B, 50 FB, A4", "0D, 3E 00, 1C",
      "0E, 3B 00, 67", "0F, 20 0A, 87", "10, 54 10, 82", "16, C0 00, 33", "17, BB 00, 10", "18, 30 11, 94",
      "19, 40 38, FF", "1A, 31 00, DA", "1B, CF 56, AB", "1C, 34 12, 91", "3C, 09 0F, 1C", "3D, 0B 0F, 20",
      "3E, 0A 0F, 0F", "3F, 0A 0F, 19", "4F, 5F 5E, D6",
  })
  void fixture_words_are_the_wire_bytes_and_pec_of_packbus_1_9(String command, String wire, String pec) {
    SbsRegisterMap map = SbsRegisterMap.fixture4s().pec(true);
    int cmd = Integer.parseInt(command, 16);

    assertThat(HEX.formatHex(map.wireWord(cmd).orElseThrow())).isEqualTo(wire + " " + pec);
    byte[] bytes = HEX.parseHex(wire);
    assertThat(map.readWord(cmd)).isEqualTo((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8);
  }

  @ParameterizedTest(name = "fixture block 0x{0} is [{1}] with PEC {2}")
  @CsvSource({
      "20, 0A 54 65 78 61 73 20 49 6E 73 74, 5B", // "Texas Inst"
      "21, 07 62 71 34 30 7A 35 30, 75", // "bq40z50"
      "22, 04 4C 49 4F 4E, 31", // "LION"
  })
  void fixture_blocks_are_the_wire_bytes_and_pec_of_packbus_1_9(String command, String wire, String pec) {
    SbsRegisterMap map = SbsRegisterMap.fixture4s().pec(true);
    int cmd = Integer.parseInt(command, 16);

    assertThat(HEX.formatHex(map.wireBlock(cmd).orElseThrow())).isEqualTo(wire + " " + pec);
    byte[] bytes = HEX.parseHex(wire);
    assertThat(map.readBlock(cmd)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
  }

  @Test
  void registers_can_be_read_again_and_again() {
    SbsRegisterMap map = SbsRegisterMap.fixture4s();

    assertThat(map.readWord(0x09)).isEqualTo(15400);
    assertThat(map.readWord(0x09)).isEqualTo(15400);
  }

  @Test
  void without_pec_the_wire_carries_no_pec_byte() {
    assertThat(HEX.formatHex(SbsRegisterMap.fixture4s().wireWord(0x09).orElseThrow())).isEqualTo("28 3C");
  }

  @Test
  void a_command_without_register_is_not_acknowledged() {
    assertThatThrownBy(() -> new SbsRegisterMap().readWord(0x09)).satisfies(kind(BusException.Kind.NACK));
    assertThatThrownBy(() -> SbsRegisterMap.fixture4s().readBlock(0x09)).satisfies(kind(BusException.Kind.NACK));
  }

  @Test
  void injected_nack_and_timeout_fail_only_their_command() {
    SbsRegisterMap map = SbsRegisterMap.fixture4s().fault(0x09, Fault.NACK).fault(0x0A, Fault.TIMEOUT);

    assertThatThrownBy(() -> map.readWord(0x09)).satisfies(kind(BusException.Kind.NACK));
    assertThatThrownBy(() -> map.readWord(0x0A)).satisfies(kind(BusException.Kind.TIMEOUT));
    assertThat(map.readWord(0x08)).isEqualTo(2981);
    map.clearFaults();
    assertThat(map.readWord(0x09)).isEqualTo(15400);
  }

  @Test
  void corrupted_pec_is_caught_when_pec_is_on() {
    SbsRegisterMap map = SbsRegisterMap.fixture4s().pec(true).fault(0x09, Fault.BAD_PEC).fault(0x20, Fault.BAD_PEC);

    assertThat(HEX.formatHex(map.wireWord(0x09).orElseThrow())).isEqualTo("28 3C 26"); // D9 ^ FF
    assertThatThrownBy(() -> map.readWord(0x09)).satisfies(kind(BusException.Kind.BAD_PEC));
    assertThatThrownBy(() -> map.readBlock(0x20)).satisfies(kind(BusException.Kind.BAD_PEC));
  }

  @Test
  void truncated_answers_are_malformed_with_and_without_pec() {
    for (boolean pec : new boolean[] {false, true}) {
      SbsRegisterMap map = SbsRegisterMap.fixture4s().pec(pec).fault(0x09, Fault.TRUNCATED)
          .fault(0x21, Fault.TRUNCATED);

      assertThatThrownBy(() -> map.readWord(0x09)).satisfies(kind(BusException.Kind.MALFORMED));
      assertThatThrownBy(() -> map.readBlock(0x21)).satisfies(kind(BusException.Kind.MALFORMED));
    }
  }

  @Test
  void a_fault_everywhere_silences_the_whole_device() {
    SbsRegisterMap map = SbsRegisterMap.fixture4s().faultEverywhere(Fault.NACK);

    assertThatThrownBy(() -> map.readWord(0x08)).satisfies(kind(BusException.Kind.NACK));
    assertThatThrownBy(() -> map.readBlock(0x20)).satisfies(kind(BusException.Kind.NACK));
  }

  @Test
  void pec_follows_the_device_address() {
    SbsRegisterMap map = new SbsRegisterMap(0x0C).pec(true).word(0x09, 16800);

    assertThat(map.readWord(0x09)).isEqualTo(16800);
    assertThat(map.wireWord(0x09).orElseThrow()[2]).isNotEqualTo((byte) 0xB3);
  }

  @Test
  void values_outside_a_word_or_a_block_are_refused() {
    SbsRegisterMap map = new SbsRegisterMap();

    assertThatThrownBy(() -> map.word(0x09, 0x10000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.word(0x09, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.block(0x20, new byte[33])).isInstanceOf(IllegalArgumentException.class);
  }

  private static org.assertj.core.api.ThrowingConsumer<Throwable> kind(BusException.Kind kind) {
    return e -> assertThat(e).isInstanceOfSatisfying(BusException.class, b -> assertThat(b.kind()).isEqualTo(kind));
  }
}

package io.packpass.agent.bus.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.sbs.SbsDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter over Pi4J's {@code MockI2C}, whose registers are FIFO queues consumed by reads
 * (packbus.md §4.4): each test primes the bytes a gauge would put on the wire after the read address.
 * Wire bytes and PECs are the worked values of packbus.md §1.2.
 */
class Pi4jSmbusDeviceTest {
  static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  final Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
      .add(MockI2CProvider.newInstance()).build();
  final I2C mock = pi4j.create(I2C.newConfigBuilder(pi4j).id("gauge").bus(1).device(0x0B).provider("mock-i2c").build());

  @AfterEach
  void shutdown() {
    pi4j.shutdown();
  }

  private void prime(int command, String hex) {
    byte[] bytes = HEX.parseHex(hex);
    mock.writeRegister(command, bytes, 0, bytes.length);
  }

  @Test
  void words_are_little_endian_unlike_pi4j_read_register_word() {
    prime(0x09, "A0 41"); // Voltage 16800 mV
    assertThat(new Pi4jSmbusDevice(mock, false).readWord(0x09)).isEqualTo(16800);
  }

  @Test
  void signed_words_come_back_unsigned_for_the_driver_to_cast() {
    prime(0x0A, "1E FB"); // Current -1250 mA
    assertThat((short) new Pi4jSmbusDevice(mock, false).readWord(0x0A)).isEqualTo((short) -1250);
  }

  @Test
  void word_with_correct_pec_is_accepted() {
    prime(0x09, "A0 41 B3");
    assertThat(new Pi4jSmbusDevice(mock, true).readWord(0x09)).isEqualTo(16800);
  }

  @Test
  void word_with_wrong_pec_is_bad_pec() {
    prime(0x09, "A0 41 B4");
    assertThatThrownBy(() -> new Pi4jSmbusDevice(mock, true).readWord(0x09))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_PEC))
        .hasMessageContaining("PEC 0xB4 received, 0xB3 computed");
  }

  @Test
  void word_of_one_byte_is_malformed() {
    prime(0x09, "A0");
    assertThatThrownBy(() -> new Pi4jSmbusDevice(mock, false).readWord(0x09))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED));
  }

  @Test
  void block_returns_the_data_after_the_count() {
    prime(0x20, "05 53 41 4E 59 4F");
    assertThat(new String(new Pi4jSmbusDevice(mock, false).readBlock(0x20), StandardCharsets.US_ASCII))
        .isEqualTo("SANYO");
  }

  @Test
  void block_ignores_the_padding_a_fixed_length_read_clocks_out() {
    prime(0x20, "05 53 41 4E 59 4F FF FF FF FF");
    assertThat(new Pi4jSmbusDevice(mock, false).readBlock(0x20)).hasSize(5);
  }

  @Test
  void block_with_correct_pec_is_accepted_and_wrong_pec_rejected() {
    prime(0x20, "05 53 41 4E 59 4F 97");
    assertThat(new Pi4jSmbusDevice(mock, true).readBlock(0x20)).hasSize(5);
    prime(0x20, "05 53 41 4E 59 4F 98");
    assertThatThrownBy(() -> new Pi4jSmbusDevice(mock, true).readBlock(0x20))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_PEC));
  }

  @Test
  void block_count_above_32_is_malformed() {
    prime(0x20, "21 53 41 4E 59 4F");
    assertThatThrownBy(() -> new Pi4jSmbusDevice(mock, false).readBlock(0x20))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
        .hasMessageContaining("count 33 above the SMBus limit of 32");
  }

  @Test
  void block_shorter_than_its_count_is_malformed() {
    prime(0x20, "05 53 41 4E");
    assertThatThrownBy(() -> new Pi4jSmbusDevice(mock, false).readBlock(0x20))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED))
        .hasMessageContaining("count 5 but 4 bytes arrived");
  }

  @Test
  void an_exhausted_register_is_a_bus_exception_not_a_pi4j_one() {
    prime(0x09, "A0 41");
    Pi4jSmbusDevice device = new Pi4jSmbusDevice(mock, false);
    device.readWord(0x09);
    assertThatThrownBy(() -> device.readWord(0x09))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NACK))
        .hasMessage("read word 0x09 at 0x0B on /dev/i2c-1: no data (the device did not answer)");
  }

  @Test
  void sbs_driver_reads_the_packbus_fixture_through_the_adapter() {
    SbsRegisterMap fixture = SbsRegisterMap.fixture4s().pec(true);
    for (int command = 0; command <= 0xFF; command++) {
      int c = command;
      fixture.wireWord(c).ifPresent(wire -> mock.writeRegister(c, wire, 0, wire.length));
      fixture.wireBlock(c).ifPresent(wire -> mock.writeRegister(c, wire, 0, wire.length));
    }
    Instant now = Instant.parse("2026-11-25T04:00:00Z");

    BatterySnapshot s = new SbsDriver(new Pi4jSmbusDevice(mock, true), Clock.fixed(now, ZoneOffset.UTC)).read();

    assertThat(s.missing()).isEmpty();
    assertThat(s.packVoltageMv()).contains(15400L);
    assertThat(s.currentMa()).contains(-1250L);
    assertThat(s.temperaturesDc()).containsExactly(250L);
    assertThat(s.stateOfChargeCpct()).contains(6200L);
    assertThat(s.remainingCapacityMah()).contains(2592L);
    assertThat(s.fullChargeCapacityMah()).contains(4180L);
    assertThat(s.designCapacityMah()).contains(4400L);
    assertThat(s.cycleCount()).contains(187L);
    assertThat(s.identity().manufacturer()).contains("Texas Inst");
    assertThat(s.identity().deviceName()).contains("bq40z50");
    assertThat(s.identity().serialNumber()).contains("4660");
    assertThat(s.identity().manufactureDate()).contains(LocalDate.of(2023, 6, 15));
  }

  @Test
  void bus_creates_devices_through_its_context_and_closes_it() {
    Context other = Pi4J.newContextBuilder().noAutoDetect().add(new MockPlatform())
        .add(MockI2CProvider.newInstance()).build();
    try (Pi4jI2cBus bus = new Pi4jI2cBus(other, 1, "mock-i2c")) {
      Pi4jSmbusDevice device = bus.device(0x0B, false);
      assertThat(device.pec()).isFalse();
      assertThat(device.withPec(true).pec()).isTrue();
      assertThat(device).hasToString("Pi4J SMBus device 0x0B on /dev/i2c-1");
    }
    assertThat(other.isShutdown()).isTrue();
  }

  @Test
  void errno_decides_the_kind() {
    assertThat(Pi4jErrors.kindOf(121)).isEqualTo(Kind.NACK);
    assertThat(Pi4jErrors.kindOf(6)).isEqualTo(Kind.NACK);
    assertThat(Pi4jErrors.kindOf(110)).isEqualTo(Kind.TIMEOUT);
    assertThat(Pi4jErrors.kindOf(13)).isEqualTo(Kind.ACCESS);
  }
}

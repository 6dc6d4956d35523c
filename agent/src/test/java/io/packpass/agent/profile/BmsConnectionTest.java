package io.packpass.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.profile.HardwareProfile.PecMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Which adapter a profile opens, seen from outside: simulators read, and real buses that are not on
 * this machine fail with one ACCESS line naming the device and the fix. The device names are chosen so
 * that no machine has them.
 */
class BmsConnectionTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);

  static HardwareProfile profile(String bus, String protocol) {
    String yaml = "id: t\ndescription: test\nboard: rpi4\nprotocol: " + protocol + "\nbus:\n" + bus
        + "pack:\n  chemistry: LFP\n  seriesCells: 4\n  designCapacityAh: 100\n  nominalVoltageV: 12.8\n";
    return ProfileLoader.parse("t", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void simulated_profiles_read_through_the_simulator() {
    try (BmsConnection c = BmsConnection.open(new ProfileLoader().load("sim-jbd-4s-lfp"), CLOCK)) {
      assertThat(c.driver().read().packVoltageMv()).contains(13_280L);
    }
  }

  @Test
  void missing_i2c_bus_is_one_access_line() {
    HardwareProfile p = profile("  type: i2c\n  bus: 250\n", "bq40z50-smbus");
    assertThatThrownBy(() -> BmsConnection.open(p, CLOCK))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessageStartingWith("/dev/i2c-250 does not exist: enable I2C (sudo raspi-config nonint do_i2c 0");
  }

  @Test
  void missing_tty_is_one_access_line() {
    HardwareProfile p = profile("  type: serial\n  device: /dev/ttyPackPassNone9\n", "jbd-uart");
    assertThatThrownBy(() -> BmsConnection.open(p, CLOCK))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessageStartingWith("/dev/ttyPackPassNone9 does not exist: plug in the serial adapter");
  }

  @Test
  void missing_can_interface_names_the_profile_bitrate() {
    HardwareProfile p = profile("  type: socketcan\n  interface: ppcan9\n  bitrate: 250000\n", "pylontech-can");
    assertThatThrownBy(() -> BmsConnection.open(p, CLOCK))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS))
        .hasMessage("interface ppcan9 not found: bring it up with `sudo ip link set ppcan9 up type can bitrate 250000`");
  }

  @Test
  void pec_auto_follows_the_specification_info_version() {
    assertThat(HardwareBms.usePec(PecMode.AUTO, SbsRegisterMap.fixture4s())).isTrue(); // 0x0031: v1.1 + PEC
    assertThat(HardwareBms.usePec(PecMode.AUTO, SbsRegisterMap.fixture4s().word(0x1A, 0x0021))).isFalse(); // v1.1
    assertThat(HardwareBms.usePec(PecMode.AUTO, SbsRegisterMap.fixture4s().remove(0x1A))).isFalse(); // no answer
  }

  @Test
  void pec_on_and_off_are_taken_as_written() {
    SbsRegisterMap withoutPecSupport = SbsRegisterMap.fixture4s().word(0x1A, 0x0021);
    assertThat(HardwareBms.usePec(PecMode.ON, withoutPecSupport)).isTrue();
    assertThat(HardwareBms.usePec(PecMode.OFF, SbsRegisterMap.fixture4s())).isFalse();
  }
}

package io.packpass.agent.bms.bq40z50;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.sim.SbsRegisterMap;
import io.packpass.agent.bus.sim.SbsRegisterMap.Fault;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Bq40z50DriverTest {
  private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** packbus.md §1.9, every field, as the bq40z50 driver must see it. */
  private static final BatterySnapshot FIXTURE = new BatterySnapshot(NOW,
      Optional.of(15400L),
      Optional.of(-1250L),
      List.of(250L),
      List.of(3850L, 3850L, 3851L, 3849L), // 0x3F, 0x3E, 0x3D, 0x3C
      Optional.of(6200L),
      Optional.of(2592L),
      Optional.of(4180L),
      Optional.of(4400L),
      Optional.of(187L),
      Optional.of(9500L), // 0x4F 5F 5E: low byte 95 % of design capacity
      Set.of(),
      new BatterySnapshot.Identity(Optional.of("Texas Inst"), Optional.of("bq40z50"), Optional.of("4660"),
          Optional.of(LocalDate.of(2023, 6, 15))),
      Set.of());

  private static BatterySnapshot read(SbsRegisterMap map) {
    return new Bq40z50Driver(map, CLOCK).read();
  }

  private static SbsRegisterMap distinctCells() {
    return SbsRegisterMap.fixture4s().word(0x3F, 3801).word(0x3E, 3802).word(0x3D, 3803).word(0x3C, 3804);
  }

  @Test
  void decodes_the_packbus_fixture_exactly() {
    assertThat(read(SbsRegisterMap.fixture4s())).isEqualTo(FIXTURE);
  }

  @Test
  void decodes_the_packbus_fixture_exactly_with_pec() {
    assertThat(read(SbsRegisterMap.fixture4s().pec(true))).isEqualTo(FIXTURE);
  }

  @Test
  void cell_commands_are_read_backwards_into_cell_1_to_4() {
    assertThat(read(distinctCells()).cellVoltagesMv()).containsExactly(3801L, 3802L, 3803L, 3804L);
  }

  @Test
  void the_cell_mapping_can_be_overridden_by_a_profile() {
    BatterySnapshot snapshot = new Bq40z50Driver(distinctCells(), CLOCK, List.of(0x3C, 0x3D, 0x3E, 0x3F)).read();

    assertThat(snapshot.cellVoltagesMv()).containsExactly(3804L, 3803L, 3802L, 3801L);
  }

  @Test
  void a_three_cell_mapping_reads_three_cells() {
    BatterySnapshot snapshot = new Bq40z50Driver(distinctCells(), CLOCK, List.of(0x3F, 0x3E, 0x3D)).read();

    assertThat(snapshot.cellVoltagesMv()).containsExactly(3801L, 3802L, 3803L);
    assertThat(snapshot.missing()).isEmpty();
  }

  @ParameterizedTest(name = "{0} on one cell empties the cell list")
  @EnumSource(value = Fault.class, names = {"NACK", "TIMEOUT", "TRUNCATED"})
  void one_failed_cell_makes_the_cells_missing_rather_than_shift_their_numbers(Fault fault) {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().fault(0x3E, fault));

    assertThat(snapshot.cellVoltagesMv()).isEmpty();
    assertThat(snapshot.missing()).containsExactly("cellVoltagesMv");
    assertThat(snapshot.bmsStateOfHealthCpct()).contains(9500L);
  }

  @Test
  void a_bad_pec_on_a_cell_makes_the_cells_missing() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().pec(true).fault(0x3C, Fault.BAD_PEC));

    assertThat(snapshot.missing()).containsExactly("cellVoltagesMv");
  }

  @Test
  void an_absurd_cell_voltage_makes_the_cells_missing() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x3D, 0xFFFF));

    assertThat(snapshot.cellVoltagesMv()).isEmpty();
    assertThat(snapshot.missing()).containsExactly("cellVoltagesMv");
  }

  @Test
  void state_of_health_uses_the_low_byte_only() {
    assertThat(read(SbsRegisterMap.fixture4s().word(0x4F, 0x0050)).bmsStateOfHealthCpct()).contains(8000L);
  }

  @Test
  void state_of_health_above_100_percent_is_missing() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().word(0x4F, 0x5E65));

    assertThat(snapshot.bmsStateOfHealthCpct()).isEmpty();
    assertThat(snapshot.missing()).containsExactly("bmsStateOfHealthCpct");
  }

  @Test
  void a_state_of_health_timeout_leaves_the_rest() {
    BatterySnapshot snapshot = read(SbsRegisterMap.fixture4s().fault(0x4F, Fault.TIMEOUT));

    assertThat(snapshot.missing()).containsExactly("bmsStateOfHealthCpct");
    assertThat(snapshot.cellVoltagesMv()).hasSize(4);
  }

  @Test
  void a_plain_sbs_gauge_read_as_bq40z50_misses_the_extensions_only() {
    SbsRegisterMap plain = SbsRegisterMap.fixture4s().remove(0x3C).remove(0x3D).remove(0x3E).remove(0x3F)
        .remove(0x4F);

    assertThat(read(plain).missing()).containsExactlyInAnyOrder("cellVoltagesMv", "bmsStateOfHealthCpct");
  }

  @Test
  void cell_mappings_that_cannot_be_right_are_refused() {
    assertThatThrownBy(() -> new Bq40z50Driver(new SbsRegisterMap(), CLOCK, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bq40z50Driver(new SbsRegisterMap(), CLOCK, List.of(0x3F, 0x3F)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated");
    assertThatThrownBy(() -> new Bq40z50Driver(new SbsRegisterMap(), CLOCK, List.of(0x100)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

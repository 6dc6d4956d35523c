package io.packpass.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.export.Normalisation.Rounded;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.RecycledShare;
import io.packpass.core.sample.SamplePassports;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every conversion and spelling of {@link Normalisation}, compared as exact decimal text. */
class NormalisationTest {

  @ParameterizedTest(name = "{0}({1}) = {2}")
  @CsvSource({
      "ampereHours, 214000, 214",
      "ampereHours, 195232, 195.232",
      "ampereHours, 1, 0.001",
      "kilowattHours, 75000, 75",
      "kilowattHours, 672, 0.672",
      "volts, 350400, 350.4",
      "volts, 268800, 268.8",
      "ohms, 72000, 0.072",
      "ohms, 1500, 0.0015",
      "ohms, 1, 0.000001",
      "ohms, 3000000, 3",
      "percent, 9123, 91.23",
      "percent, 10000, 100",
      "percent, 5, 0.05",
      "percent, 0, 0",
      "percentPerMonth, 150, 1.5",
      "celsius, -200, -20",
      "celsius, 231, 23.1",
      "celsius, -5, -0.5",
      "kilograms, 450000, 450",
      "kilograms, 3400, 3.4",
      "cycles, 31250, 312.5",
      "cycles, 100, 1",
      "amperesPerAmpereHour, 33, 0.33",
      "kilogramsCo2ePerKwh, 61500, 61.5",
      "kilogramsCo2ePerKwh, 1500, 1.5",
  })
  void converts_scaled_integers_to_exact_decimals(String conversion, long value, String expected) {
    BigDecimal result = switch (conversion) {
      case "ampereHours" -> Normalisation.ampereHours(value);
      case "kilowattHours" -> Normalisation.kilowattHours(value);
      case "volts" -> Normalisation.volts(value);
      case "ohms" -> Normalisation.ohms(value);
      case "percent" -> Normalisation.percent(value);
      case "percentPerMonth" -> Normalisation.percentPerMonth(value);
      case "celsius" -> Normalisation.celsius(value);
      case "kilograms" -> Normalisation.kilograms(value);
      case "cycles" -> Normalisation.cycles(value);
      case "amperesPerAmpereHour" -> Normalisation.amperesPerAmpereHour(value);
      case "kilogramsCo2ePerKwh" -> Normalisation.kilogramsCo2ePerKwh(value);
      default -> throw new IllegalArgumentException(conversion);
    };

    assertThat(result.toString()).isEqualTo(expected);
    assertThat(result.scale()).isNotNegative();
  }

  @Test
  void decimals_add_up_without_binary_floating_point_error() {
    assertThat(Normalisation.percent(10).add(Normalisation.percent(20))).isEqualByComparingTo("0.3");
    assertThat(0.1 + 0.2).isNotEqualTo(0.3); // what a double would have written
    assertThat(Normalisation.ampereHours(Long.MAX_VALUE).toString()).isEqualTo("9223372036854775.807");
  }

  @Test
  void recycled_share_is_pre_plus_post_consumer() {
    assertThat(Normalisation.recycledPercent(new RecycledShare("cobalt", 400, 1_200)).toString()).isEqualTo("16");
    assertThat(Normalisation.recycledPercent(new RecycledShare("lithium", 105, 0)).toString()).isEqualTo("1.05");
  }

  @Test
  void rounding_says_whether_it_lost_anything() {
    Rounded subOhm = Normalisation.round(Normalisation.ohms(72_000));
    assertThat(subOhm.value()).isZero();
    assertThat(subOhm.isExact()).isFalse();

    assertThat(Normalisation.round(new BigDecimal("195.5")).value()).isEqualTo(196);
    assertThat(Normalisation.round(new BigDecimal("-20.5")).value()).isEqualTo(-21);
    assertThat(Normalisation.round(Normalisation.ampereHours(214_000)).isExact()).isTrue();
    assertThat(Normalisation.round(new BigDecimal("2.5"), RoundingMode.HALF_EVEN).value()).isEqualTo(2);
  }

  @Test
  void completed_cycles_round_down() {
    assertThat(Normalisation.completedCycles(31_299).value()).isEqualTo(312);
    assertThat(Normalisation.completedCycles(31_200).isExact()).isTrue();
  }

  @Test
  void rated_capacity_is_whole_ampere_hours_or_exact_milliampere_hours() {
    assertThat(Normalisation.ratedCapacity(214_000)).isEqualTo(new Normalisation.WholeWithUnit(214, "Ah"));
    assertThat(Normalisation.ratedCapacity(14_500)).isEqualTo(new Normalisation.WholeWithUnit(14_500, "mAh"));
  }

  @Test
  void categories_follow_each_target_enum() {
    assertThat(Normalisation.catenaXCategory(Category.EV)).isEqualTo("EV");
    assertThat(Normalisation.catenaXCategory(Category.LMT)).isEqualTo("LMT");
    assertThat(Normalisation.catenaXCategory(Category.STATIONARY)).isEqualTo("industrial");
    assertThat(Normalisation.catenaXCategory(Category.INDUSTRIAL)).isEqualTo("industrial");

    assertThat(Normalisation.batteryPassReadyCategory(Category.EV)).isEqualTo("electric vehicle battery");
    assertThat(Normalisation.batteryPassReadyCategory(Category.LMT)).isEqualTo("LMT battery");
    assertThat(Normalisation.batteryPassReadyCategory(Category.STATIONARY)).isEqualTo("industrial/stationary battery");
    assertThat(Normalisation.batteryPassReadyCategory(Category.INDUSTRIAL))
        .isEqualTo("industrial/non-stationary battery");

    assertThat(Normalisation.catenaXPurpose(Category.EV)).isEqualTo("automotive");
  }

  @Test
  void status_uses_the_regulation_spelling() {
    assertThat(Normalisation.status(BatteryStatus.RE_USED)).isEqualTo("re-used");
    assertThat(Normalisation.status(BatteryStatus.ORIGINAL)).isEqualTo("original");
    assertThat(Normalisation.status(BatteryStatus.WASTE)).isEqualTo("waste");
  }

  @ParameterizedTest
  @CsvSource({"re-used, RE_USED", "Reused, RE_USED", "RE_USED, RE_USED", "Original, ORIGINAL",
      "' repurposed ', REPURPOSED", "Remanufactured, REMANUFACTURED", "WASTE, WASTE"})
  void status_is_read_in_every_known_spelling(String text, BatteryStatus expected) {
    assertThat(Normalisation.parseStatus(text)).isEqualTo(expected);
  }

  @Test
  void an_unknown_status_is_rejected_with_the_allowed_values() {
    assertThatThrownBy(() -> Normalisation.parseStatus("recycled"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'recycled'")
        .hasMessageContaining("re-used");
  }

  @Test
  void chemistry_labels_follow_the_battery_pass_ready_code_list() {
    assertThat(Normalisation.chemistry(Chemistry.LI_ION_NMC)).isEqualTo("Li-ion NMC");
    assertThat(Normalisation.chemistry(Chemistry.LI_ION_LFP)).isEqualTo("Li-ion LFP");
    assertThat(Normalisation.chemistry(Chemistry.NI_MH)).isEqualTo("Ni-MH");
    assertThat(Normalisation.chemistry(Chemistry.PB)).isEqualTo("Pb");
  }

  @Test
  void dpp_status_is_spelled_as_battery_pass_ready_wants() {
    assertThat(Normalisation.dppStatus(DppStatus.ACTIVE)).isEqualTo("Active");
    assertThat(Normalisation.dppStatus(DppStatus.MARKED_FOR_DELETION)).isEqualTo("Marked-for-deletion");
  }

  @Test
  void warranty_is_a_duration_for_catena_x_and_an_expiry_date_for_battery_pass_ready() {
    assertThat(Normalisation.catenaXWarranty(96)).isEqualTo(new Normalisation.Life(96, "unit:month"));
    assertThat(Normalisation.warrantyExpiry(LocalDate.of(2026, 5, 14), 96)).isEqualTo(LocalDate.of(2034, 5, 14));
    assertThat(Normalisation.warrantyExpiry(LocalDate.of(2026, 1, 31), 1)).isEqualTo(LocalDate.of(2026, 2, 28));
  }

  @Test
  void passport_id_is_a_name_based_uuid_for_catena_x_and_a_digital_link_for_battery_pass_ready() {
    String urn = Normalisation.catenaXPassportId(SamplePassports.evId(), SamplePassports.RESOLVER);
    UUID uuid = UUID.fromString(urn.substring("urn:uuid:".length()));

    assertThat(urn).startsWith("urn:uuid:");
    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid).isEqualTo(SamplePassports.evId().uuid(SamplePassports.RESOLVER));
    assertThat(Normalisation.batteryPassReadyPassportId(SamplePassports.evId(), SamplePassports.RESOLVER))
        .isEqualTo("https://id.packpass.example/01/09521234000013/21/EV75-000123");
    assertThat(Normalisation.NIL_UUID_URN).isEqualTo("urn:uuid:" + new UUID(0, 0));
  }

  @Test
  void dates_are_rfc_3339_in_utc_to_the_second() {
    assertThat(Normalisation.dateTime(Instant.parse("2026-09-01T12:00:00.987654321Z")))
        .isEqualTo("2026-09-01T12:00:00Z");
    assertThat(Normalisation.date(Instant.parse("2026-09-01T23:59:59Z"))).isEqualTo("2026-09-01");
    assertThat(Normalisation.date(LocalDate.of(2026, 3, 2))).isEqualTo("2026-03-02");
  }

  @Test
  void label_symbols_get_their_meaning_and_unknown_ones_stay_as_given() {
    assertThat(Normalisation.labelMeaning("separate-collection")).contains("crossed-out wheeled bin");
    assertThat(Normalisation.labelMeaning("CE")).startsWith("CE: CE marking");
    assertThat(Normalisation.labelMeaning("UN 3480")).isEqualTo("UN 3480");
  }
}

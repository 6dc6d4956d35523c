package io.packpass.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.core.sample.SamplePassports;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Golden values: exported fields carry exactly the converted passport values. */
class ExportValuesTest {
  private static final ObjectMapper DECIMALS = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static JsonNode parse(String json) {
    try {
      return DECIMALS.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void catena_x_ev_values() {
    String text = CatenaXExport.toJson(Fixtures.ev(), Fixtures.context());
    JsonNode json = parse(text);

    assertThat(json.at("/performance/rated/capacity/value").decimalValue()).isEqualByComparingTo("214");
    assertThat(json.at("/performance/rated/capacity/thresholdExhaustion").decimalValue()).isEqualByComparingTo("70");
    assertThat(json.at("/performance/rated/voltage/nominal").decimalValue()).isEqualByComparingTo("350.4");
    assertThat(json.at("/performance/rated/energy/value").decimalValue()).isEqualByComparingTo("75");
    assertThat(json.at("/performance/rated/resistance/pack").decimalValue()).isEqualByComparingTo("0.072");
    assertThat(json.at("/performance/rated/resistance/cell").decimalValue()).isEqualByComparingTo("0.0015");
    assertThat(json.at("/performance/rated/lifetime/cycleLifeTesting/appliedChargeRate").decimalValue())
        .isEqualByComparingTo("0.33");
    // State of health of an EV is its SOCE (Annex VII Part A): 91.23 % - 0.40 in the sample reading.
    assertThat(json.at("/performance/dynamic/energy/soce/value").decimalValue()).isEqualByComparingTo("90.83");
    assertThat(json.at("/performance/dynamic/energy/soce/time").asText()).isEqualTo("2026-09-01T12:00:00Z");
    assertThat(json.at("/performance/dynamic/capacity/capacity/value").decimalValue())
        .isEqualByComparingTo("195.232");
    assertThat(json.at("/performance/dynamic/capacity/fade/value").decimalValue()).isEqualByComparingTo("8.77");
    assertThat(json.at("/performance/dynamic/fullCycles/value").decimalValue()).isEqualByComparingTo("250");
    assertThat(json.at("/characteristics/warranty/lifeValue").asLong()).isEqualTo(96);
    assertThat(json.at("/characteristics/warranty/lifeUnit").asText()).isEqualTo("unit:month");
    assertThat(json.at("/characteristics/physicalDimension/weight/value").decimalValue()).isEqualByComparingTo("450");
    assertThat(json.at("/materials/active/cobalt/recycled").decimalValue()).isEqualByComparingTo("16");
    assertThat(json.at("/materials/active/cobalt/critical").asBoolean()).isTrue();
    assertThat(json.at("/materials/active/lead/critical").asBoolean()).isFalse();
    assertThat(json.at("/materials/hazardous/cadmium/concentration").decimalValue()).isEqualByComparingTo("5");
    assertThat(json.at("/metadata/passportIdentifier").asText())
        .isEqualTo(SamplePassports.evId().urn(SamplePassports.RESOLVER));
    assertThat(json.at("/metadata/predecessor").asText()).isEqualTo("urn:uuid:00000000-0000-0000-0000-000000000000");
    assertThat(json.at("/metadata/issueDate").asText()).isEqualTo("2026-03-02");
    assertThat(json.at("/metadata/economicOperatorId").asText()).isEqualTo("BPNL00000003AYRE");
    assertThat(json.at("/operation/manufacturer/facility/0/facility").asText()).isEqualTo("BPNA00000003B0UT");
    assertThat(json.at("/identification/category").asText()).isEqualTo("EV");
    assertThat(json.at("/identification/idDmc").asText())
        .isEqualTo("https://id.packpass.example/01/09521234000013/21/EV75-000123");
    assertThat(json.at("/sustainability/status").asText()).isEqualTo("original");
    assertThat(json.at("/sustainability/carbonFootprint/0/value").decimalValue()).isEqualByComparingTo("61.5");
    // Plain decimal notation, never 3.504E+2 or 350.400.
    assertThat(text).contains("\"nominal\" : 350.4\n").contains("\"pack\" : 0.072");
  }

  @Test
  void battery_pass_ready_ev_values() {
    ExportResult result = BatteryPassReadyExport.export(Fixtures.ev(), Fixtures.context());
    JsonNode pass = parse(result.json()).get("Battery_Passport");
    JsonNode performance = pass.get("PerformanceAndDurability");
    JsonNode ids = pass.get("IdentifiersAndProductData");

    assertThat(performance.at("/RatedCapacity/amperehourMiliamperehourValue").isIntegralNumber()).isTrue();
    assertThat(performance.at("/RatedCapacity/amperehourMiliamperehourValue").asLong()).isEqualTo(214);
    assertThat(performance.at("/RatedCapacity/ampereHourMiliamperehour").asText()).isEqualTo("Ah");
    assertThat(performance.at("/NominalVoltage/voltValue").decimalValue()).isEqualByComparingTo("350.4");
    assertThat(performance.at("/StateOfCertifiedEnergySOCE/percentageValue").decimalValue())
        .isEqualByComparingTo("90.83");
    assertThat(performance.at("/CapacityFade/percentageValue").decimalValue()).isEqualByComparingTo("8.77");
    assertThat(performance.at("/RemainingCapacity/amperehourMiliamperehourValue").asLong()).isEqualTo(195);
    assertThat(performance.at("/CertifiedUsableBatteryEnergy/kilowattHourValue").asLong()).isEqualTo(75);
    assertThat(performance.at("/InitialInternalResistanceOfBatteryCellAndPackModuleRecommended/ohmValue").asLong())
        .isZero();
    assertThat(performance.at("/TemperatureRangeIdleStateLowerBoundary/celsiusValue").asLong()).isEqualTo(-20);
    assertThat(performance.at("/NumberOfFullChargingAndDischargingCycles").asLong()).isEqualTo(250);
    assertThat(performance.at("/C-rateOfRelevantCycle-lifeTest/amperePerAmpereHourValue").decimalValue())
        .isEqualByComparingTo("0.33");
    assertThat(ids.at("/WarrantyPeriodOfTheBattery").asText()).isEqualTo("2034-05-14");
    assertThat(ids.at("/BatteryMass/gramKgValue").decimalValue()).isEqualByComparingTo("450");
    assertThat(ids.at("/BatteryStatus/batteryStatusValues").asText()).isEqualTo("original");
    assertThat(ids.at("/BatteryCategory/batteryCategoryValue").asText()).isEqualTo("electric vehicle battery");
    assertThat(ids.at("/UniqueBatteryPassportIdentifierUniqueDPPIdentifier").asText())
        .isEqualTo("https://id.packpass.example/01/09521234000013/21/EV75-000123");
    assertThat(ids.at("/BatteryModelIdentifier").asText()).isEqualTo("09521234000013");
    assertThat(pass.at("/BatteryCarbonFootprint/ContributionOfDistributionLifecycleStage/"
        + "kgCO2-equivalentPerKilowattHourValue").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(pass.at("/CircularityAndResourceEfficiency/Post-consumerRecycledCobaltShare/percentageValue")
        .decimalValue()).isEqualByComparingTo("12");
  }

  @Test
  void battery_pass_ready_reports_every_value_it_had_to_round() {
    ExportResult result = BatteryPassReadyExport.export(Fixtures.ev(), Fixtures.context());

    assertThat(result.rounded()).extracting(ExportIssue::toString).containsExactly(
        "Battery_Passport.PerformanceAndDurability.RemainingCapacity.amperehourMiliamperehourValue"
            + " <- Passport.condition REMAINING_CAPACITY: 195.232 written as 195",
        "Battery_Passport.PerformanceAndDurability.RemainingUsableBatteryEnergy.kilowattHourValue"
            + " <- Passport.condition REMAINING_ENERGY: 68.4 written as 68",
        "Battery_Passport.PerformanceAndDurability.InitialInternalResistanceOfBatteryCellAndPackModuleRecommended"
            + ".ohmValue <- Model.performance.initialPackResistanceMicroOhm: 0.072 written as 0",
        "Battery_Passport.PerformanceAndDurability.TemperatureInformation.celsiusValue"
            + " <- Passport.condition TEMPERATURE: 23.1 written as 23");
    assertThat(result.isComplete()).isTrue();
  }

  @Test
  void re_used_status_and_lmt_values() {
    JsonNode gefeg = parse(BatteryPassReadyExport.toJson(Fixtures.lmt(), Fixtures.context()))
        .get("Battery_Passport");
    JsonNode catenaX = parse(CatenaXExport.toJson(Fixtures.lmt(), Fixtures.context()));

    assertThat(gefeg.at("/IdentifiersAndProductData/BatteryStatus/batteryStatusValues").asText()).isEqualTo("re-used");
    assertThat(catenaX.at("/sustainability/status").asText()).isEqualTo("re-used");
    assertThat(gefeg.at("/IdentifiersAndProductData/BatteryCategory/batteryCategoryValue").asText())
        .isEqualTo("LMT battery");
    assertThat(gefeg.at("/PerformanceAndDurability/CapacityThroughput/amperehourMiliamperehourValue").decimalValue())
        .isEqualByComparingTo("8750");
    assertThat(gefeg.at("/PerformanceAndDurability/EnergyThroughput/kilowattHourValue").decimalValue())
        .isEqualByComparingTo("420.5");
    assertThat(gefeg.at("/PerformanceAndDurability/NumberOfFullChargingAndDischargingCycles").asLong())
        .isEqualTo(312);
    assertThat(catenaX.at("/performance/dynamic/fullCycles/value").decimalValue()).isEqualByComparingTo("312.5");
    assertThat(catenaX.at("/performance/dynamic/negativeEvents/0/header").asText())
        .isEqualTo("deep-discharge at 2026-07-19T06:40:00Z");
  }

  @Test
  void a_stationary_battery_is_industrial_for_catena_x_and_stationary_for_battery_pass_ready() {
    assertThat(parse(CatenaXExport.toJson(Fixtures.stationary(), Fixtures.context()))
        .at("/identification/category").asText()).isEqualTo("industrial");
    assertThat(parse(BatteryPassReadyExport.toJson(Fixtures.stationary(), Fixtures.context()))
        .at("/Battery_Passport/IdentifiersAndProductData/BatteryCategory/batteryCategoryValue").asText())
        .isEqualTo("industrial/stationary battery");
  }

  @Test
  void the_same_passport_and_context_give_the_same_bytes() {
    assertThat(CatenaXExport.toJson(Fixtures.ev(), Fixtures.context()))
        .isEqualTo(CatenaXExport.toJson(Fixtures.ev(), Fixtures.context()));
    assertThat(BatteryPassReadyExport.toJson(Fixtures.stationary(), Fixtures.context()))
        .isEqualTo(BatteryPassReadyExport.toJson(Fixtures.stationary(), Fixtures.context()));
  }
}

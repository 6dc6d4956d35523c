package io.packpass.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.packpass.core.passport.CarbonFootprintStages;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Derived values, context-supplied values, and what happens when either is missing. */
class ExportDerivationTest {

  @Test
  void the_sample_ev_reading_alone_leaves_catena_x_dynamic_fields_missing() {
    Passport passport = Fixtures.withCondition(Fixtures.ev(), SamplePassports.evReading(Fixtures.READ, 9_123, 250));

    ExportResult result = CatenaXExport.export(passport, Fixtures.context());

    assertThat(result.missing()).extracting(ExportIssue::path).containsExactlyInAnyOrder(
        "performance.dynamic.selfDischargingRate", "performance.dynamic.power.remaining",
        "performance.dynamic.power.fade", "performance.dynamic.roundTripEfficiency.remaining",
        "performance.dynamic.roundTripEfficiency.fade", "performance.dynamic.resistance.remaining.cell",
        "performance.dynamic.resistance.increase.pack", "performance.dynamic.resistance.increase.cell",
        "performance.dynamic.energy.remaining");
    assertThatThrownBy(() -> CatenaXExport.toJson(passport, Fixtures.context()))
        .isInstanceOf(ExportException.class)
        .hasMessageStartingWith("Catena-X battery_pass 6.1.0: 9 required fields cannot be filled: ")
        .hasMessageContaining("performance.dynamic.resistance.remaining.cell <- Passport.condition "
            + "CELL_INTERNAL_RESISTANCE");
  }

  @Test
  void registry_facts_come_from_the_context_and_are_reported_when_it_lacks_them() {
    ExportContext bare = ExportContext.builder(SamplePassports.RESOLVER, Fixtures.EXPORTED).build();

    assertThat(CatenaXExport.export(Fixtures.ev(), bare).missing()).extracting(ExportIssue::toString)
        .containsExactly(
            "metadata.expirationDate <- ExportContext.passportExpiry: not set",
            "metadata.economicOperatorId <- Item.economicOperator.identifier: '9521234000013' is no BPNL and "
                + "ExportContext.businessPartnerNumbers maps it to none",
            "metadata.backupReference <- ExportContext.backupReference: not set",
            "operation.manufacturer.manufacturer <- Model.manufacturer.identifier: '9521234000013' is no BPNL and "
                + "ExportContext.businessPartnerNumbers maps it to none");
    assertThat(BatteryPassReadyExport.export(Fixtures.ev(), bare).missing()).extracting(ExportIssue::source)
        .containsExactly("ExportContext.dppStatus", "ExportContext.warrantyStart");
  }

  @Test
  void an_identifier_that_already_is_a_bpn_needs_no_mapping() {
    ExportContext context = ExportContext.builder(SamplePassports.RESOLVER, Fixtures.EXPORTED)
        .businessPartnerNumber("9521234000013", "BPNL00000003AYRE")
        .businessPartnerNumber("9521234000020", "BPNA00000003B0UT")
        .build();

    assertThat(context.bpnl("BPNL0000000001AB")).contains("BPNL0000000001AB");
    assertThat(context.bpnl("9521234000013")).contains("BPNL00000003AYRE");
    assertThat(context.bpnl("9521234000020")).isEmpty();
    assertThat(context.bpna("9521234000020")).contains("BPNA00000003B0UT");
    assertThat(context.bpna("unknown")).isEmpty();
  }

  @Test
  void the_context_rejects_a_bad_resolver_and_a_malformed_bpn() {
    assertThatThrownBy(() -> ExportContext.builder("ftp://id.example", Fixtures.EXPORTED).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("resolverBase: ");
    assertThatThrownBy(() -> ExportContext.builder(SamplePassports.RESOLVER, Fixtures.EXPORTED)
        .businessPartnerNumber("9521234000013", "BPNL-123").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'9521234000013' -> 'BPNL-123'");
  }

  @Test
  void warranty_expiry_counts_from_the_event_the_context_names() {
    ExportContext fromManufacture = ExportContext.builder(SamplePassports.RESOLVER, Fixtures.EXPORTED)
        .warrantyStart(WarrantyStart.MANUFACTURING_DATE).build();

    JsonNode json = Schemas.parse(BatteryPassReadyExport.export(Fixtures.ev(), fromManufacture).json());

    // evItem: made 2026-03-02, put into service 2026-05-14; warranty 96 months.
    assertThat(json.at("/Battery_Passport/IdentifiersAndProductData/WarrantyPeriodOfTheBattery").asText())
        .isEqualTo("2034-03-02");
  }

  @Test
  void the_predecessor_is_the_first_linked_passport_and_the_nil_uuid_only_when_there_is_none() {
    Passport repurposed = Fixtures.with(Fixtures.stationary(), Fixtures.stationary().model(),
        Fixtures.stationary().condition(), Fixtures.stationary().statusHistory(), List.of(SamplePassports.evId()));

    JsonNode json = Schemas.parse(CatenaXExport.toJson(repurposed, Fixtures.context()));

    assertThat(json.at("/metadata/predecessor").asText())
        .isEqualTo(SamplePassports.evId().urn(SamplePassports.RESOLVER));
  }

  @Test
  void an_expired_passport_says_so_and_a_current_one_states_no_record_status() {
    ExportContext afterExpiry = ExportContext.builder(SamplePassports.RESOLVER, Instant.parse("2047-01-01T00:00:00Z"))
        .passportExpiry(LocalDate.of(2046, 12, 31)).build();

    assertThat(Schemas.parse(CatenaXExport.export(Fixtures.ev(), afterExpiry).json()).at("/metadata/status")
        .asText()).isEqualTo("expired");
    assertThat(Schemas.parse(CatenaXExport.toJson(Fixtures.ev(), Fixtures.context())).at("/metadata/status")
        .isMissingNode()).isTrue();
  }

  @Test
  void a_percentage_above_100_is_not_clipped_for_battery_pass_ready() {
    Condition doubled = Fixtures.lmt().condition().orElseThrow().mergedWith(Condition.of(Map.of(
        Quantity.INTERNAL_RESISTANCE_INCREASE, Measured.exact(12_050, Fixtures.READ, "dcir-pulse/1"))));
    Passport passport = Fixtures.withCondition(Fixtures.lmt(), doubled);

    assertThat(BatteryPassReadyExport.export(passport, Fixtures.context()).missing())
        .extracting(ExportIssue::toString)
        .containsExactly("Battery_Passport.PerformanceAndDurability.InternalResistanceIncreaseOfPackCellAndModule"
            + "Recommended <- Passport.condition INTERNAL_RESISTANCE_INCREASE: 120.5 is outside the 0..100 the "
            + "schema allows");
    String catenaX = CatenaXExport.toJson(passport, Fixtures.context());
    assertThat(Schemas.parse(catenaX).at("/performance/dynamic/resistance/increase/pack/value").decimalValue())
        .isEqualByComparingTo("120.5");
    assertThat(Schemas.messages(Schemas.catenaX(), catenaX)).isEmpty();
  }

  @Test
  void a_net_recycling_credit_is_kept_for_battery_pass_ready_and_left_out_where_catena_x_forbids_it() {
    Passport p = Fixtures.stationary();
    Passport credited = Fixtures.with(p, Fixtures.model(p.model(), p.model().category(),
        Optional.of(new CarbonFootprintStages(35_000, 22_000, 1_500, -2_500))), p.condition(), p.statusHistory(),
        p.predecessors());

    String gefeg = BatteryPassReadyExport.toJson(credited, Fixtures.context());
    String catenaX = CatenaXExport.toJson(credited, Fixtures.context());

    assertThat(Schemas.parse(gefeg).at("/Battery_Passport/BatteryCarbonFootprint/ContributionOfEndOfLifeAndRecycling"
        + "LifecycleStage/kgCO2-equivalentPerKilowattHourValue").decimalValue()).isEqualByComparingTo("-2.5");
    assertThat(Schemas.messages(Schemas.batteryPassReady(p.model().category()), gefeg)).isEmpty();
    assertThat(Schemas.parse(catenaX).at("/sustainability/carbonFootprint").findValuesAsText("lifecycle"))
        .doesNotContain("end of life and recycling").hasSize(4);
    assertThat(Schemas.messages(Schemas.catenaX(), catenaX)).isEmpty();
  }
}

package io.packpass.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.testing.SharedReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exports are views: they carry what the caller's {@link PassportView} holds and no more, and a
 * required field the view withholds is reported, not filled.
 */
class AccessTierExportTest {
  /** Legitimate-interest and authority content of the full LMT fixture, as it would read in an export. */
  private static final List<String> RESTRICTED_TEXT = List.of(
      "re-used", "original",                                  // status history
      "2026-04-01",                                           // put into service
      "2026-03-02",                                           // birth record, Catena-X issue date
      "BMS: VB-13",                                           // part numbers
      "NMC 811 cathode active material", "LiPF6 in EC/DMC",   // detailed composition
      "dismantling-manual.pdf",                               // dismantling information
      "Voltaris service parts",                               // spare-part sources
      "Disconnect the service plug",                          // safety measures
      "un38.3-test-report.pdf",                               // test reports (authority)
      "pack left at 0 % SoC",                                 // negative events
      "deep-discharge");

  /**
   * Fields the GEFEG schema reserves for authorities but PackPass's tiers make public: party
   * identifiers ({@code Party.identifier}) and the facility identifier of the plant whose name and
   * place are public anyway (docs/exports.md).
   */
  private static final Set<String> PUBLIC_IN_PACKPASS = Set.of("UniqueEconomicOperatorIdentifier",
      "UniqueManufacturerIdentifier", "UniqueFacilityIdentifier");

  private static Passport anonymous() {
    return PassportView.forRole(Fixtures.lmt(), Role.ANONYMOUS);
  }

  @Test
  void anonymous_catena_x_export_carries_no_legitimate_interest_value() {
    ExportResult result = CatenaXExport.export(anonymous(), Fixtures.context());
    JsonNode json = Schemas.parse(result.json());

    assertThat(result.json()).doesNotContain(RESTRICTED_TEXT);
    assertThat(json.at("/sustainability/status").isMissingNode()).isTrue();
    assertThat(json.at("/performance/dynamic").isMissingNode()).isTrue();
    assertThat(json.at("/operation/intoServiceDate").isMissingNode()).isTrue();
    assertThat(json.at("/performance/rated/selfDischargingRate").isMissingNode()).isTrue();
    assertThat(json.at("/performance/rated/lifetime/expectedYears").isMissingNode()).isTrue();
    assertThat(json.at("/metadata/issueDate").isMissingNode()).isTrue();
    assertThat(json.at("/metadata/predecessor").isMissingNode()).isTrue();
    assertThat(json.at("/safety/dismantling").size()).isZero();
    assertThat(json.at("/conformity/resultOfTestReport").size()).isZero();
    // Public data is all there.
    assertThat(json.at("/performance/rated/capacity/value").decimalValue()).isEqualByComparingTo("14");
    assertThat(json.at("/identification/chemistry").asText()).isEqualTo("Li-ion NMC");
  }

  @Test
  void anonymous_catena_x_export_lists_what_the_view_withholds() {
    ExportResult result = CatenaXExport.export(anonymous(), Fixtures.context());

    assertThat(result.isComplete()).isFalse();
    assertThat(result.missing()).extracting(ExportIssue::path).containsExactlyInAnyOrder(
        "metadata.issueDate", "metadata.predecessor", "sustainability.status",
        "performance.rated.selfDischargingRate", "performance.rated.lifetime.expectedYears", "performance.dynamic");
    assertThat(Schemas.messages(Schemas.catenaX(), result.json())).isNotEmpty();
  }

  @Test
  void anonymous_battery_pass_ready_export_has_no_field_the_schema_reserves_for_other_readers() throws IOException {
    ExportResult result = BatteryPassReadyExport.export(anonymous(), Fixtures.context());
    JsonNode json = Schemas.parse(result.json());

    assertThat(result.json()).doesNotContain(RESTRICTED_TEXT);
    for (String restricted : nonPublicFields("LMT_batterypass_1.0.json")) {
      if (!PUBLIC_IN_PACKPASS.contains(restricted.substring(restricted.lastIndexOf('/') + 1))) {
        assertThat(json.at("/Battery_Passport" + restricted).isMissingNode()).as(restricted).isTrue();
      }
    }
    assertThat(json.at("/Battery_Passport/IdentifiersAndProductData/BatteryStatus").isMissingNode()).isTrue();
    assertThat(json.at("/Battery_Passport/PerformanceAndDurability/StateOfChargeSoC").isMissingNode()).isTrue();
    assertThat(json.at("/Battery_Passport/PerformanceAndDurability/RatedCapacity/amperehourMiliamperehourValue")
        .asLong()).isEqualTo(14);
  }

  @Test
  void a_complete_export_of_an_anonymous_view_is_refused_naming_each_withheld_field() {
    Passport anonymous = anonymous();

    assertThatThrownBy(() -> BatteryPassReadyExport.toJson(anonymous, Fixtures.context()))
        .isInstanceOf(ExportException.class)
        .hasMessageStartingWith("BatteryPass-Ready 1.0 LMT_batterypass_1.0.json: ")
        .hasMessageContaining("Battery_Passport.IdentifiersAndProductData.BatteryStatus <- Passport.statusHistory")
        .hasMessageContaining("Battery_Passport.PerformanceAndDurability.StateOfChargeSoC <- Passport.condition "
            + "STATE_OF_CHARGE")
        .hasMessageContaining("WarrantyPeriodOfTheBattery <- Item.putIntoService")
        .hasMessageContaining("ResultsOfTestReportsProvingCompliance <- Model.testReports (authority tier)");
    assertThatThrownBy(() -> CatenaXExport.toJson(anonymous, Fixtures.context()))
        .isInstanceOf(ExportException.class)
        .hasMessageContaining("sustainability.status <- Passport.statusHistory")
        .satisfies(e -> assertThat(((ExportException) e).missing()).hasSize(6));
  }

  @Test
  void a_fleet_view_validates_for_catena_x_and_lacks_only_the_authority_test_report_for_battery_pass_ready() {
    Passport fleet = PassportView.forRole(Fixtures.lmt(), Role.FLEET);

    assertThat(Schemas.messages(Schemas.catenaX(), CatenaXExport.toJson(fleet, Fixtures.context()))).isEmpty();
    assertThat(BatteryPassReadyExport.export(fleet, Fixtures.context()).missing())
        .extracting(ExportIssue::path)
        .containsExactly("Battery_Passport.SymbolsLabelsAndDocumentationOfConformity."
            + "ResultsOfTestReportsProvingCompliance");
  }

  @Test
  void an_authority_view_exports_completely() {
    Passport authority = PassportView.forRole(Fixtures.lmt(), Role.AUTHORITY);

    assertThat(BatteryPassReadyExport.toJson(authority, Fixtures.context()))
        .isEqualTo(BatteryPassReadyExport.toJson(Fixtures.lmt(), Fixtures.context()));
  }

  /** JSON pointers, below Battery_Passport, of every field whose x-AccessRights deny the public. */
  private static List<String> nonPublicFields(String schemaFile) throws IOException {
    JsonNode defs = Schemas.JSON.readTree(SharedReference.path("schemas/batterypass-ready-gefeg/" + schemaFile)
        .toFile()).get("$defs");
    List<String> fields = new ArrayList<>();
    for (String group : List.of("IdentifiersAndProductData", "PerformanceAndDurability", "BatteryCarbonFootprint",
        "BatteryMaterialsAndComposition", "CircularityAndResourceEfficiency", "SupplyChainDueDiligence",
        "SymbolsLabelsAndDocumentationOfConformity")) {
      defs.get(group).get("properties").properties().forEach(field -> {
        JsonNode read = field.getValue().at("/x-AccessRights/read");
        boolean isPublic = false;
        for (JsonNode reader : read) {
          isPublic |= reader.asText().equals("public");
        }
        if (!isPublic) {
          fields.add("/" + group + "/" + field.getKey());
        }
      });
    }
    assertThat(fields).hasSizeGreaterThan(20);
    return fields;
  }
}

package io.packpass.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Passport;
import java.io.IOException;
import io.packpass.core.testing.SharedReference;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full passports of the three samples validate with zero messages against the Catena-X
 * battery_pass 6.1.0 schema and against the BatteryPass-Ready v1.0 schema of their category.
 */
class SchemaValidationTest {

  static Stream<Arguments> fullPassports() {
    return Stream.of(Arguments.of("EV", Fixtures.ev()), Arguments.of("LMT", Fixtures.lmt()),
        Arguments.of("stationary", Fixtures.stationary()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullPassports")
  void catena_x_export_of_a_full_passport_validates(String name, Passport passport) {
    ExportResult result = CatenaXExport.export(passport, Fixtures.context());

    List<String> messages = Schemas.messages(Schemas.catenaX(), result.json());

    assertThat(messages).as("Catena-X validation of the %s export:%n%s", name, result.json()).isEmpty();
    assertThat(result.missing()).isEmpty();
    assertThat(CatenaXExport.toJson(passport, Fixtures.context())).isEqualTo(result.json());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullPassports")
  void battery_pass_ready_export_of_a_full_passport_validates_against_its_category_schema(String name,
      Passport passport) {
    ExportResult result = BatteryPassReadyExport.export(passport, Fixtures.context());

    List<String> messages = Schemas.messages(Schemas.batteryPassReady(passport.model().category()), result.json());

    assertThat(messages).as("BatteryPass-Ready validation of the %s export:%n%s", name, result.json()).isEmpty();
    assertThat(result.missing()).isEmpty();
    assertThat(result.target()).isEqualTo("BatteryPass-Ready 1.0 "
        + BatteryPassReadyExport.schemaFile(passport.model().category()));
  }

  /** The schemas allow extra properties, so validation alone would not notice a field of another category. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fullPassports")
  void battery_pass_ready_export_writes_only_fields_its_category_schema_defines(String name, Passport passport)
      throws IOException {
    JsonNode defs = Schemas.JSON.readTree(SharedReference.path("schemas/batterypass-ready-gefeg/"
        + BatteryPassReadyExport.schemaFile(passport.model().category())).toFile()).get("$defs");
    JsonNode export = Schemas.parse(BatteryPassReadyExport.toJson(passport, Fixtures.context()))
        .get("Battery_Passport");

    List<String> undefined = new ArrayList<>();
    export.properties().forEach(group -> group.getValue().properties().forEach(field -> {
      if (!defs.path(group.getKey()).path("properties").has(field.getKey())) {
        undefined.add(group.getKey() + "." + field.getKey());
      }
    }));
    assertThat(undefined).isEmpty();
    assertThat(export.properties()).hasSize(7);
  }

  @Test
  void an_industrial_battery_validates_against_the_other_industrial_schema() {
    Passport stationary = Fixtures.stationary();
    Model industrial = Fixtures.model(stationary.model(), Category.INDUSTRIAL,
        stationary.model().carbonFootprintStages());
    Passport passport = Fixtures.with(stationary, industrial, stationary.condition(), stationary.statusHistory(),
        stationary.predecessors());

    ExportResult result = BatteryPassReadyExport.export(passport, Fixtures.context());

    assertThat(Schemas.messages(Schemas.batteryPassReady(Category.INDUSTRIAL), result.json())).isEmpty();
    assertThat(result.json()).contains("\"industrial/non-stationary battery\"")
        .doesNotContain("TimeSpentInExtremeTemperatures");
    assertThat(Schemas.messages(Schemas.catenaX(), CatenaXExport.toJson(passport, Fixtures.context()))).isEmpty();
  }

  /** Positive control: the validator set-up accepts the examples GEFEG's own server validated. */
  @ParameterizedTest
  @ValueSource(strings = {"EV:ev", "LMT:lmt", "STATIONARY:stationary"})
  void the_gefeg_validated_examples_pass_this_validator(String pair) throws IOException {
    Category category = Category.valueOf(pair.split(":")[0]);
    String example = Files.readString(SharedReference.path(
        "schemas/batterypass-ready-gefeg/" + pair.split(":")[1] + ".gefeg.json"));

    assertThat(Schemas.messages(Schemas.batteryPassReady(category), example)).isEmpty();
  }

  /** Negative control: the validator is not vacuous, it rejects each trap the exporter normalises. */
  @Test
  void the_validators_reject_the_spellings_and_formats_the_exporter_avoids() {
    JsonSchema gefeg = Schemas.batteryPassReady(Category.LMT);
    ObjectNode lmt = (ObjectNode) Schemas.parse(BatteryPassReadyExport.toJson(Fixtures.lmt(), Fixtures.context()));
    ObjectNode ids = (ObjectNode) lmt.at("/Battery_Passport/IdentifiersAndProductData");
    ((ObjectNode) ids.get("BatteryStatus")).put("batteryStatusValues", "Reused");
    ids.put("Date-timeOfLatestUpdateOfDPP", "2026-09-01 12:00");
    ids.put("UniqueBatteryPassportIdentifierUniqueDPPIdentifier", "(01)09521234000020(21)LMT 48");
    ((ObjectNode) lmt.at("/Battery_Passport/PerformanceAndDurability/InitialInternalResistanceOfBatteryCell"
        + "AndPackModuleRecommended")).put("ohmValue", 0.095);

    assertThat(String.join("\n", Schemas.messages(gefeg, lmt.toString())))
        .contains("/BatteryStatus/batteryStatusValues")
        .contains("/Date-timeOfLatestUpdateOfDPP")
        .contains("/UniqueBatteryPassportIdentifierUniqueDPPIdentifier")
        .contains("/ohmValue");

    ObjectNode ev = (ObjectNode) Schemas.parse(CatenaXExport.toJson(Fixtures.stationary(), Fixtures.context()));
    ((ObjectNode) ev.get("identification")).put("category", "stationary");
    ((ObjectNode) ev.get("sustainability")).put("status", "Reused");
    ((ObjectNode) ev.get("metadata")).put("passportIdentifier",
        "https://id.packpass.example/01/09521234000037/21/ESS10-7781");

    assertThat(String.join("\n", Schemas.messages(Schemas.catenaX(), ev.toString())))
        .contains("/identification/category")
        .contains("/sustainability/status")
        .contains("/metadata/passportIdentifier");
  }
}

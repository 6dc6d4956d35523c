package io.packpass.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.packpass.core.passport.Category;
import io.packpass.core.testing.SharedReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The target schemas from {@code ../shared/reference/schemas}, each with the validator of its own
 * draft: Catena-X is draft-04 with its definitions under {@code components/schemas} (validated from
 * the root, whose {@code $ref}s point there), BatteryPass-Ready is draft 2020-12. {@code format} is
 * asserted, not just annotated, so dates, date-times and URIs are checked too.
 */
final class Schemas {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
      .formatAssertionsEnabled(true)
      .build();

  private Schemas() {
  }

  static JsonSchema catenaX() {
    return load(SpecVersion.VersionFlag.V4,
        "schemas/catenax/io.catenax.battery.battery_pass__6.1.0__BatteryPass-schema.json");
  }

  static JsonSchema batteryPassReady(Category category) {
    return load(SpecVersion.VersionFlag.V202012, "schemas/batterypass-ready-gefeg/" + switch (category) {
      case EV -> "EV_batterypass_1.0.json";
      case LMT -> "LMT_batterypass_1.0.json";
      case STATIONARY -> "Stationary_Industrial_batterypass_1.0.json";
      case INDUSTRIAL -> "Other_Industrial_batterypass_1.0.json";
    });
  }

  static JsonSchema load(SpecVersion.VersionFlag version, String relative) {
    Path path = SharedReference.path(relative);
    try {
      JsonNode schema = JSON.readTree(path.toFile());
      return JsonSchemaFactory.getInstance(version).getSchema(schema, CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("export is not JSON", e);
    }
  }

  /** Validation messages, one per line, sorted so a failure reads the same every run. */
  static List<String> messages(JsonSchema schema, String json) {
    Set<ValidationMessage> messages = schema.validate(parse(json));
    return messages.stream().map(ValidationMessage::toString).sorted().collect(Collectors.toList());
  }
}

package io.packpass.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.Set;

/** Checks answers against the component schemas of the registry's own OpenAPI 3.1 document (JSON Schema 2020-12). */
final class OpenApiAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonNode doc;

  OpenApiAnswers(JsonNode doc) {
    this.doc = doc;
  }

  void check(String schema, byte[] answer) throws IOException {
    ObjectNode root = ((ObjectNode) doc.get("components").get("schemas").get(schema).deepCopy());
    // the component refers to siblings as #/components/schemas/X: give it the document's components
    root.set("components", doc.get("components"));
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    Set<ValidationMessage> problems = validator.validate(JSON.readTree(answer));
    assertThat(problems).as(schema + ": " + new String(answer, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
  }
}

package io.packpass.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.gateway.testing.RegistryFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.json is the document a running registry serves at /api/v1/openapi.json, for readers
 * and tools that have no registry at hand. After a deliberate API change, regenerate it with
 * {@code ./mvnw -q -B -pl gateway -am test -Dtest=CommittedOpenApiTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpackpass.openapi.write=true} and review the diff.
 */
class CommittedOpenApiTest {
  private static final Path COMMITTED = Path.of("../docs/openapi.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void the_committed_openapi_document_is_the_one_the_registry_serves(@TempDir Path dir) throws Exception {
    JsonNode served;
    try (RegistryFixture registry = RegistryFixture.start(dir, Optional.empty(), "")) {
      HttpResponse<byte[]> answer = registry.get(RegistryRoutes.OPENAPI, Optional.empty());
      assertThat(answer.statusCode()).isEqualTo(200);
      served = JSON.readTree(answer.body());
    }
    if (Boolean.getBoolean("packpass.openapi.write")) {
      Files.writeString(COMMITTED, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
    }
    assertThat(JSON.readTree(Files.readString(COMMITTED)))
        .as("docs/openapi.json differs from what the registry serves; regenerate it with -Dpackpass.openapi.write=true"
            + " (see this test's comment)")
        .isEqualTo(served);
  }
}

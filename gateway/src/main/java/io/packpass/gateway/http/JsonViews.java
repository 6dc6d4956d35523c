package io.packpass.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;

/**
 * JSON for people and scripts: the passport record as named fields (already cut down by
 * {@code PassportView.forRole}), ids as GS1 element strings, times as ISO-8601, empty parts left out.
 * The same shape the agent's CoAP service answers with content format 50; CBOR is the normative form.
 */
final class JsonViews {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .registerModule(new SimpleModule("packpass-ids")
          .addSerializer(PassportId.class, new ToStringSerializer(PassportId.class))
          .addSerializer(Gtin.class, new ToStringSerializer(Gtin.class))
          .addSerializer(Serial.class, new ToStringSerializer(Serial.class))
          .addSerializer(KeyId.class, new ToStringSerializer(KeyId.class)))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);

  private JsonViews() {
  }

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}

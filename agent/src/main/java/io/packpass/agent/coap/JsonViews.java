package io.packpass.agent.coap;

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
import io.packpass.core.passport.Passport;

/**
 * JSON for people (content format 50): the passport record as named fields (already filtered for
 * the caller's role), ids as GS1 element strings, times as ISO-8601, empty parts left out. Machines
 * use the CBOR (60), which is the normative form.
 */
final class JsonViews {
  private static final ObjectMapper MAPPER = new ObjectMapper()
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

  static String passport(Passport view) {
    return write(view);
  }

  static String soh(SohSummary summary) {
    return write(summary.toJsonMap());
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}

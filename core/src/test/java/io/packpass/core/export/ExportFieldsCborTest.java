package io.packpass.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The passport fields and quantities added for the exports survive CBOR and are bounded on decode. */
class ExportFieldsCborTest {
  private static final Instant BORN = Instant.parse("2026-03-02T08:00:00Z");

  static Stream<Passport> samples() {
    return Stream.of(
        Passport.born(SamplePassports.evId(), SamplePassports.evModel(), SamplePassports.evItem(), BORN, "voltaris"),
        Passport.born(SamplePassports.lmtId(), SamplePassports.lmtModel(), SamplePassports.lmtItem(), BORN, "voltaris"),
        Passport.born(SamplePassports.stationaryId(), SamplePassports.stationaryModel(),
            SamplePassports.stationaryItem(), BORN, "voltaris"));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sample_passports_round_trip_with_the_added_fields(Passport passport) {
    byte[] bytes = passport.encode();
    Passport decoded = Passport.decode(bytes);

    assertThat(decoded).isEqualTo(passport);
    assertThat(decoded.encode()).isEqualTo(bytes);
    assertThat(decoded.model().carbonFootprintStages()).isPresent();
    assertThat(decoded.model().heavyMetals()).isPresent();
    assertThat(decoded.model().performance().cycleLifeTestDepthOfDischargeCpct()).isPresent();
    assertThat(decoded.item().facilityIdentifier()).isPresent();
  }

  @Test
  void added_condition_quantities_round_trip() {
    Instant t = Instant.parse("2026-09-01T12:00:00Z");
    Condition condition = Condition.of(Map.of(
        Quantity.REMAINING_POWER_CAPABILITY_AT_20_SOC, Measured.exact(95_000, t, "dcir-pulse/1"),
        Quantity.CELL_INTERNAL_RESISTANCE, Measured.exact(1_720, t, "dcir-pulse/1"),
        Quantity.CELL_INTERNAL_RESISTANCE_INCREASE, Measured.exact(14_700, t, "derived/1")));

    Condition decoded = Condition.fromCbor(CborDecoder.decode(CborEncoder.encode(condition.toCbor()),
        CborLimits.DEFAULT), "$.4");

    assertThat(decoded).isEqualTo(condition);
    assertThat(Quantity.CELL_INTERNAL_RESISTANCE_INCREASE.key()).isEqualTo(27);
  }

  @Test
  void heavy_metal_content_above_one_million_ppm_is_rejected_with_its_path() {
    Cbor.Map model = (Cbor.Map) samples().findFirst().orElseThrow().model().toCbor();
    Map<Cbor, Cbor> entries = new HashMap<>(model.entries());
    entries.put(Cbor.of(26), Cbor.Map.of(Map.of(Cbor.of(1), Cbor.of(0), Cbor.of(2), Cbor.of(1_000_001),
        Cbor.of(3), Cbor.of(0))));

    assertThatThrownBy(() -> Model.fromCbor(Cbor.Map.of(entries), "$.2"))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("$.2.26.2");
  }

  @Test
  void unknown_keys_in_the_added_maps_are_rejected() {
    Cbor.Map model = (Cbor.Map) samples().findFirst().orElseThrow().model().toCbor();
    Map<Cbor, Cbor> entries = new HashMap<>(model.entries());
    entries.put(Cbor.of(23), Cbor.Map.of(Map.of(Cbor.of(1), Cbor.of(1), Cbor.of(2), Cbor.of(1), Cbor.of(3),
        Cbor.of(1), Cbor.of(4), Cbor.of(1), Cbor.of(5), Cbor.of(1))));

    assertThatThrownBy(() -> Model.fromCbor(Cbor.Map.of(entries), "$.2"))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("$.2.23")
        .hasMessageContaining("unknown field");
  }

  @Test
  void model_key_27_is_still_unknown() {
    Cbor.Map model = (Cbor.Map) samples().findFirst().orElseThrow().model().toCbor();
    Map<Cbor, Cbor> entries = new HashMap<>(model.entries());
    entries.put(Cbor.of(27), Cbor.of("x"));

    assertThatThrownBy(() -> Model.fromCbor(Cbor.Map.of(entries), "$.2"))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("unknown field(s) 27");
  }
}

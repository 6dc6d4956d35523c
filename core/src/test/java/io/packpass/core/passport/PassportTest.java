package io.packpass.core.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PassportTest {

  @Test
  void every_field_of_every_passport_record_carries_an_access_tier() {
    List<Class<? extends Record>> records = List.of(Passport.class, Model.class, Performance.class, Item.class,
        Party.class, Substance.class, RecycledShare.class, Condition.class, Measured.class, Histogram.class,
        StatusRecord.class, NegativeEvent.class, Decision.class, Decision.Reason.class, CarbonFootprintStages.class,
        HeavyMetals.class);
    List<String> missing = new ArrayList<>();
    records.forEach(r -> missing.addAll(PassportView.componentsWithoutTier(r)));
    assertThat(missing).isEmpty();
  }

  @Test
  void encodes_and_decodes_a_full_passport_to_identical_bytes() {
    Passport passport = PassportFixtures.fullEv();
    byte[] encoded = passport.encode();
    Passport decoded = Passport.decode(encoded);
    assertThat(decoded).isEqualTo(passport);
    assertThat(decoded.encode()).isEqualTo(encoded);
  }

  @Test
  void round_trips_generated_passports() {
    Random random = new Random(20261125L);
    List<Passport> samples = List.of(PassportFixtures.fullEv(),
        Passport.born(SamplePassports.lmtId(), SamplePassports.lmtModel(), SamplePassports.lmtItem(),
            PassportFixtures.BORN, "maker"),
        Passport.born(SamplePassports.stationaryId(), SamplePassports.stationaryModel(),
            SamplePassports.stationaryItem(), PassportFixtures.BORN, "maker"));
    for (int i = 0; i < 300; i++) {
      Passport base = samples.get(random.nextInt(samples.size()));
      Passport generated = new Passport(randomId(random), base.model(), base.item(),
          Optional.of(randomCondition(random)), base.statusHistory(), base.events(), base.decisions(),
          random.nextBoolean() ? List.of(randomId(random)) : List.of(), List.of(),
          Optional.of(Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000))));
      byte[] encoded = generated.encode();
      assertThat(Passport.decode(encoded)).isEqualTo(generated);
      assertThat(CborEncoder.encode(CborDecoder.decode(encoded))).isEqualTo(encoded);
    }
  }

  @Test
  void refuses_unknown_fields_with_their_path() {
    Cbor.Map encoded = PassportFixtures.fullEv().toCbor();
    Cbor.Map model = (Cbor.Map) encoded.get(2).orElseThrow();
    Map<Cbor, Cbor> tampered = new HashMap<>(model.entries());
    tampered.put(Cbor.of(99), Cbor.of("surprise"));
    Map<Cbor, Cbor> passport = new HashMap<>(encoded.entries());
    passport.put(Cbor.of(2), Cbor.Map.of(tampered));
    byte[] bytes = CborEncoder.encode(Cbor.Map.of(passport));
    assertThatThrownBy(() -> Passport.decode(bytes))
        .isInstanceOf(CborException.class)
        .hasMessage("CBOR at $.2: unknown field(s) 99");
  }

  @Test
  void names_the_path_of_a_field_with_the_wrong_type_or_value() {
    Cbor.Map encoded = PassportFixtures.fullEv().toCbor();
    Cbor.Map model = (Cbor.Map) encoded.get(2).orElseThrow();
    Cbor.Map performance = (Cbor.Map) model.get(6).orElseThrow();
    assertThatThrownBy(() -> Passport.decode(replace(encoded, List.of(2L, 6L, 4L), Cbor.of("350 V"))))
        .hasMessage("CBOR at $.2.6.4: expected integer, found text string");
    assertThatThrownBy(() -> Passport.decode(replace(encoded, List.of(2L, 3L), Cbor.of(9))))
        .hasMessage("CBOR at $.2.3: unknown battery category code 9");
    assertThatThrownBy(() -> Passport.decode(replace(encoded, List.of(1L), Cbor.of("(01)09521234000014(21)X"))))
        .isInstanceOf(CborException.class)
        .hasMessageStartingWith("CBOR at $.1: ")
        .hasMessageContaining("check digit");
    assertThat(performance.get(4)).isPresent();
    assertThatThrownBy(() -> Passport.decode(replace(encoded, List.of(2L, 10L), Cbor.Null.NULL)))
        .hasMessage("CBOR at $.2.10: expected integer, found null");
  }

  @Test
  void refuses_a_condition_percentage_outside_zero_to_one_hundred() {
    EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
    values.put(Quantity.STATE_OF_HEALTH, Measured.exact(10_001, PassportFixtures.LATER, "bms-reported"));
    assertThatThrownBy(() -> Condition.of(values)).hasMessageContaining("outside 0..100 %");
  }

  @Test
  void contains_no_floating_point_anywhere() {
    byte[] encoded = PassportFixtures.fullEv().encode();
    // Decoding fails on any float (major type 7, additional info 25..27): decoding at all proves it.
    assertThat(CborDecoder.decode(encoded)).isInstanceOf(Cbor.Map.class);
  }

  static byte[] replace(Cbor.Map root, List<Long> path, Cbor value) {
    return CborEncoder.encode(replaceIn(root, path, 0, value));
  }

  private static Cbor.Map replaceIn(Cbor.Map map, List<Long> path, int depth, Cbor value) {
    Map<Cbor, Cbor> entries = new HashMap<>(map.entries());
    Cbor key = Cbor.of(path.get(depth));
    entries.put(key, depth == path.size() - 1 ? value : replaceIn((Cbor.Map) entries.get(key), path, depth + 1, value));
    return Cbor.Map.of(entries);
  }

  private static PassportId randomId(Random random) {
    StringBuilder digits = new StringBuilder("0952");
    while (digits.length() < 13) {
      digits.append(random.nextInt(10));
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./_";
    StringBuilder serial = new StringBuilder();
    for (int n = 1 + random.nextInt(20); n > 0; n--) {
      serial.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return new PassportId(Gtin.withCheckDigit(digits.toString()), new Serial(serial.toString()));
  }

  private static Condition randomCondition(Random random) {
    EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
    for (Quantity quantity : Quantity.values()) {
      if (random.nextBoolean()) {
        long value = quantity.unit().equals("cpct") && quantity != Quantity.INTERNAL_RESISTANCE_INCREASE
            && quantity != Quantity.EVOLUTION_OF_SELF_DISCHARGE
            ? random.nextInt(10_001) : random.nextLong() >> random.nextInt(60);
        values.put(quantity, new Measured(value, Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000)),
            "method-" + random.nextInt(5), random.nextInt(500)));
      }
    }
    Optional<Histogram> soc = random.nextBoolean()
        ? Optional.of(new Histogram(List.of(0L, 2_000L, 4_000L, 6_000L, 8_000L),
            List.of(5L, 50L, 500L, (long) random.nextInt(9_000), 7L), Instant.ofEpochSecond(1_750_000_000L)))
        : Optional.empty();
    return new Condition(values, soc, Optional.empty());
  }
}

package io.packpass.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CborDecoderTest {

  private static Cbor decode(String hex) {
    return CborDecoder.decode(HexFormat.of().parseHex(hex));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', value = {
      "truncated integer            | 1903          | truncated",
      "truncated array              | 820102ff      | trailing byte",
      "trailing bytes               | 0101          | 1 trailing byte(s)",
      "indefinite array             | 9f01ff        | indefinite-length",
      "indefinite map               | bf0102ff      | indefinite-length",
      "indefinite byte string       | 5f4101ff      | indefinite-length",
      "indefinite text string       | 7f6161ff      | indefinite-length",
      "lone break                   | ff            | unexpected break",
      "reserved additional info     | 1c            | reserved additional information value 28",
      "half float                   | f93c00        | floating point",
      "single float                 | fa47c35000    | floating point",
      "double float                 | fb3ff199999999999a | floating point",
      "undefined                    | f7            | undefined",
      "simple value 16              | f0            | simple value 16",
      "simple value 255             | f8ff          | simple value 255",
      "uint above long range        | 1bffffffffffffffff | out of range",
      "nint below long range        | 3bffffffffffffffff | out of range",
      "non-shortest int 24-bit form | 1817          | not in its shortest form",
      "non-shortest int 16-bit form | 190017        | not in its shortest form",
      "non-shortest length          | 780161        | not in its shortest form",
      "invalid utf-8                | 62c328        | not valid UTF-8",
      "duplicate key                | a201010102    | duplicate map key 1",
      "keys out of order            | a202010101    | out of deterministic order",
      "array key                    | a1800101      | map key must be an integer or text",
      "byte string too long         | 5a00010000    | runs past the end",
      "huge array count             | 9affffffff01 | cannot fit",
      "huge map count               | baffffffff01 | cannot fit",
      "tag above 2^31-1             | db000000010000000001 | above the supported",
      "empty input                  | ''            | empty input"})
  void rejects_malformed_or_non_deterministic_input(String name, String hex, String reason) {
    assertThatThrownBy(() -> decode(hex.equals("''") ? "" : hex))
        .isInstanceOf(CborException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void names_the_path_of_the_offending_item() {
    // {1: {2: [0, 1, 1.5]}}
    assertThatThrownBy(() -> decode("a101a102830001f93e00"))
        .isInstanceOf(CborException.class)
        .hasMessageStartingWith("CBOR at $.1.2[2] (byte 7): floating point")
        .extracting(e -> ((CborException) e).path()).isEqualTo("$.1.2[2]");
    assertThatThrownBy(() -> decode("d81881a30001626964f6626964f6"))
        .hasMessageContaining("$<24>[0]").hasMessageContaining("duplicate map key \"id\"");
  }

  @Test
  void enforces_the_size_limit_before_reading() {
    byte[] big = CborEncoder.encode(Cbor.of(new byte[70_000]));
    assertThatThrownBy(() -> CborDecoder.decode(big))
        .hasMessageContaining("exceeds the limit of 65536 bytes");
    assertThat(CborDecoder.decode(big, CborLimits.DEFAULT.withMaxBytes(80_000))).isInstanceOf(Cbor.Bytes.class);
  }

  @Test
  void enforces_the_depth_limit() {
    Cbor nested = Cbor.of(1);
    for (int i = 0; i < 17; i++) {
      nested = Cbor.array(nested);
    }
    byte[] encoded = CborEncoder.encode(nested);
    assertThatThrownBy(() -> CborDecoder.decode(encoded))
        .hasMessageContaining("nesting deeper than the limit of 16");
    assertThat(CborDecoder.decode(encoded, CborLimits.DEFAULT.withMaxDepth(17))).isEqualTo(nested);
  }

  @Test
  void lenient_mode_accepts_unsorted_keys_and_long_forms_but_not_duplicates() {
    CborLimits lenient = CborLimits.DEFAULT.lenientOrder();
    Cbor map = CborDecoder.decode(HexFormat.of().parseHex("a202010101"), lenient);
    assertThat(HexFormat.of().formatHex(CborEncoder.encode(map))).isEqualTo("a201010201");
    assertThat(CborDecoder.decode(HexFormat.of().parseHex("1817"), lenient)).isEqualTo(Cbor.of(23));
    assertThatThrownBy(() -> CborDecoder.decode(HexFormat.of().parseHex("a201010101"), lenient))
        .hasMessageContaining("duplicate map key 1");
  }

  @Test
  void decodes_then_encodes_generated_items_to_the_same_bytes() {
    Random random = new Random(20261125L);
    for (int i = 0; i < 2_000; i++) {
      Cbor item = generate(random, 0);
      byte[] encoded = CborEncoder.encode(item);
      Cbor decoded = CborDecoder.decode(encoded);
      assertThat(decoded).isEqualTo(item);
      assertThat(CborEncoder.encode(decoded)).isEqualTo(encoded);
    }
  }

  private static Cbor generate(Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 5 : 8);
    switch (kind) {
      case 0:
        return Cbor.of(interestingLong(random));
      case 1:
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        return Cbor.of(bytes);
      case 2:
        return Cbor.of(randomText(random));
      case 3:
        return Cbor.of(random.nextBoolean());
      case 4:
        return Cbor.Null.NULL;
      case 5: {
        List<Cbor> items = new ArrayList<>();
        for (int n = random.nextInt(6); n > 0; n--) {
          items.add(generate(random, depth + 1));
        }
        return new Cbor.Array(items);
      }
      case 6: {
        LinkedHashMap<Cbor, Cbor> entries = new LinkedHashMap<>();
        for (int n = random.nextInt(6); n > 0; n--) {
          Cbor key = random.nextBoolean() ? Cbor.of(interestingLong(random)) : Cbor.of(randomText(random));
          entries.put(key, generate(random, depth + 1));
        }
        return Cbor.Map.of(entries);
      }
      default:
        return new Cbor.Tagged(random.nextInt(300), generate(random, depth + 1));
    }
  }

  private static long interestingLong(Random random) {
    long[] edges = {0, 23, 24, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE, -1, -24, -25,
        -256, -257, -65536, -65537, Long.MIN_VALUE};
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong() >> random.nextInt(64);
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(12); n > 0; n--) {
      int c = random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x2000) : 0x20 + random.nextInt(0x5f);
      text.appendCodePoint(c);
    }
    return text.toString();
  }
}

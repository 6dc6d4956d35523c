package io.packpass.core.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CborEncoderTest {

  private static String hex(Cbor item) {
    return HexFormat.of().formatHex(CborEncoder.encode(item));
  }

  /** RFC 8949 Appendix A examples that fall inside the profile. */
  @ParameterizedTest
  @CsvSource({
      "0, 00", "1, 01", "10, 0a", "23, 17", "24, 1818", "25, 1819", "100, 1864", "1000, 1903e8",
      "1000000, 1a000f4240", "1000000000000, 1b000000e8d4a51000", "9223372036854775807, 1b7fffffffffffffff",
      "-1, 20", "-10, 29", "-100, 3863", "-1000, 3903e7", "-9223372036854775808, 3b7fffffffffffffff"})
  void writes_integers_in_shortest_form(long value, String expected) {
    assertThat(hex(Cbor.of(value))).isEqualTo(expected);
  }

  @Test
  void writes_rfc_8949_appendix_a_strings_arrays_and_maps() {
    assertThat(hex(Cbor.of(""))).isEqualTo("60");
    assertThat(hex(Cbor.of("IETF"))).isEqualTo("6449455446");
    assertThat(hex(Cbor.of("\u00fc"))).isEqualTo("62c3bc");
    assertThat(hex(Cbor.of("\u6c34"))).isEqualTo("63e6b0b4");
    assertThat(hex(Cbor.of(new byte[] {1, 2, 3, 4}))).isEqualTo("4401020304");
    assertThat(hex(Cbor.array(Cbor.of(1), Cbor.array(Cbor.of(2), Cbor.of(3)), Cbor.array(Cbor.of(4), Cbor.of(5)))))
        .isEqualTo("8301820203820405");
    assertThat(hex(Cbor.Map.of(Map.of(Cbor.of(1), Cbor.of(2), Cbor.of(3), Cbor.of(4))))).isEqualTo("a201020304");
    assertThat(hex(new Cbor.Tagged(1, Cbor.of(1363896240)))).isEqualTo("c11a514b67b0");
    assertThat(hex(Cbor.Bool.FALSE) + hex(Cbor.Bool.TRUE) + hex(Cbor.Null.NULL)).isEqualTo("f4f5f6");
  }

  @Test
  void orders_map_keys_by_their_encoded_bytes_not_by_insertion_or_java_order() {
    LinkedHashMap<Cbor, Cbor> entries = new LinkedHashMap<>();
    for (Cbor key : List.of(Cbor.of("aa"), Cbor.of(-1), Cbor.of(100), Cbor.of("b"), Cbor.of(10), Cbor.of(-25),
        Cbor.of(1), Cbor.of(24))) {
      entries.put(key, Cbor.Null.NULL);
    }
    // 01 < 0a < 1818 < 1864 < 20 < 3818 < 6162 < 626161
    assertThat(hex(Cbor.Map.of(entries)))
        .isEqualTo("a8" + "01f6" + "0af6" + "1818f6" + "1864f6" + "20f6" + "3818f6" + "6162f6" + "626161f6");
  }

  @Test
  void writes_long_text_with_a_definite_length() {
    String text = "x".repeat(40_000);
    byte[] encoded = CborEncoder.encode(Cbor.of(text));
    // 0x79 = text with a two-byte length; 0x7f would be Jackson's chunked (indefinite) form.
    assertThat(encoded[0]).isEqualTo((byte) 0x79);
    assertThat(encoded).hasSize(3 + 40_000);
    assertThat(CborDecoder.decode(encoded, CborLimits.DEFAULT.withMaxBytes(50_000))).isEqualTo(Cbor.of(text));
  }

  @Test
  void writes_large_maps_and_arrays_with_definite_lengths() {
    LinkedHashMap<Cbor, Cbor> entries = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      entries.put(Cbor.of(i), Cbor.of(i));
    }
    byte[] encoded = CborEncoder.encode(Cbor.Map.of(entries));
    assertThat(HexFormat.of().formatHex(encoded, 0, 3)).isEqualTo("b9012c");
  }
}

package io.packpass.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigitalLinkTest {

  private static final Gtin DEMO_GTIN = Gtin.parse("09521234000013");
  private static final PassportId DEMO = new PassportId(DEMO_GTIN, new Serial("PK0001234"));
  private static final String DEMO_URI = "https://id.example.org/01/09521234000013/21/PK0001234";

  @Test
  void formats_the_canonical_uri() {
    DigitalLink link = DigitalLink.of("https://id.example.org", DEMO);

    assertThat(link.format()).isEqualTo(DEMO_URI);
    assertThat(link).hasToString(DEMO_URI);
    assertThat(link.resolverBase()).isEqualTo(URI.create("https://id.example.org"));
  }

  @Test
  void parses_the_canonical_uri() {
    DigitalLink link = DigitalLink.parse(DEMO_URI);

    assertThat(link.id()).isEqualTo(DEMO);
    assertThat(link.resolverBase()).isEqualTo(URI.create("https://id.example.org"));
    assertThat(link.format()).isEqualTo(DEMO_URI);
  }

  @Test
  void normalises_scheme_host_and_trailing_slash_of_the_resolver_base() {
    assertThat(DigitalLink.of("HTTPS://ID.Example.org/DPP/", DEMO).format())
        .isEqualTo("https://id.example.org/DPP/01/09521234000013/21/PK0001234");
    assertThat(DigitalLink.parse("HTTPS://ID.EXAMPLE.ORG/01/09521234000013/21/PK0001234"))
        .isEqualTo(DigitalLink.parse(DEMO_URI));
  }

  // Every punctuation character of set 82 with its RFC 3986 percent-encoding, written out by hand;
  // '-', '.' and '_' are unreserved and stay as they are.
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "!|%21", "\"|%22", "%|%25", "&|%26", "'|%27", "(|%28", ")|%29", "*|%2A", "+|%2B", "`,`|%2C",
    "/|%2F", ":|%3A", ";|%3B", "<|%3C", "=|%3D", ">|%3E", "?|%3F", "-|-", ".|.", "_|_",
  })
  void percent_encodes_reserved_serial_characters_in_upper_case_hex(String character, String encoded) {
    PassportId id = new PassportId(DEMO_GTIN, new Serial("A" + character + "z"));

    assertThat(id.digitalLink("https://id.example.org"))
        .isEqualTo("https://id.example.org/01/09521234000013/21/A" + encoded + "z");
  }

  @Test
  void round_trips_random_serials_from_set_82() {
    String cset82 = SerialTest.CSET82;
    List<String> bases = List.of(
        "https://id.example.org", "https://id.example.org/dpp", "http://localhost:8080/a/01/b");
    Random random = new Random(20261125);
    for (int n = 0; n < 5000; n++) {
      StringBuilder serial = new StringBuilder();
      int length = 1 + random.nextInt(20);
      for (int i = 0; i < length; i++) {
        serial.append(cset82.charAt(random.nextInt(cset82.length())));
      }
      PassportId id = new PassportId(Gtin.withCheckDigit(String.format("%013d", random.nextLong() & 0xFFFFFFFFFFL)),
          new Serial(serial.toString()));
      DigitalLink link = DigitalLink.of(bases.get(n % bases.size()), id);
      String uri = link.format();

      assertThat(DigitalLink.parse(uri)).as(uri).isEqualTo(link);
      // java.net.URI decodes the path on its own, an independent check of the encoding
      assertThat(URI.create(uri).getPath()).as(uri).endsWith("/21/" + serial);
      assertThat(uri.substring(uri.lastIndexOf('/') + 1)).as(uri).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})+");
    }
  }

  @Test
  void keeps_a_path_prefix_as_part_of_the_resolver_base() {
    DigitalLink link = DigitalLink.parse("https://id.example.org/dpp/01/09521234000013/21/PK0001234");

    assertThat(link.resolverBase()).isEqualTo(URI.create("https://id.example.org/dpp"));
    assertThat(link.id()).isEqualTo(DEMO);
    assertThat(link.format()).isEqualTo("https://id.example.org/dpp/01/09521234000013/21/PK0001234");
  }

  @Test
  void finds_the_primary_key_when_prefix_and_serial_are_themselves_01() {
    DigitalLink link = DigitalLink.parse("https://id.example.org/01/01/09521234000013/10/01/21/01");

    assertThat(link.resolverBase()).isEqualTo(URI.create("https://id.example.org/01"));
    assertThat(link.id().serial().value()).isEqualTo("01");
    assertThat(DigitalLink.parse(link.format())).isEqualTo(link);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://id.example.org/01/09521234000013/22/V-2/10/LOT%2F7/21/PK0001234",
    "https://id.example.org/01/09521234000013/10/LOT7/21/PK0001234",
    "https://id.example.org/01/09521234000013/22/V2/21/PK0001234",
  })
  void accepts_variant_and_lot_qualifiers_in_order_and_drops_them_when_formatting(String uri) {
    DigitalLink link = DigitalLink.parse(uri);

    assertThat(link.id()).isEqualTo(DEMO);
    assertThat(link.format()).isEqualTo(DEMO_URI);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "https://id.example.org/01/09521234000013/21/PK1/10/LOT7 | AI 10 follows AI 21",
    "https://id.example.org/01/09521234000013/10/LOT7/22/V2/21/PK1 | AI 22 follows AI 10",
    "https://id.example.org/01/09521234000013/21/PK1/22/V2 | AI 22 follows AI 21",
    "https://id.example.org/01/09521234000013/21/PK1/21/PK2 | AI 21 follows AI 21",
  })
  void rejects_qualifiers_out_of_order(String uri, String detail) {
    assertThatThrownBy(() -> DigitalLink.parse(uri))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("order 22, 10, 21")
        .hasMessageContaining(detail);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://id.example.org/01/09521234000013",
    "https://id.example.org/01/09521234000013/10/LOT7",
    "https://id.example.org/01/09521234000013/22/V2/10/LOT7?21=PK1",
  })
  void rejects_links_without_serial_because_passports_are_item_level(String uri) {
    assertThatThrownBy(() -> DigitalLink.parse(uri))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("no serial (AI 21)")
        .hasMessageContaining("item level");
  }

  @Test
  void rejects_serial_key_without_value() {
    assertThatThrownBy(() -> DigitalLink.parse("https://id.example.org/01/09521234000013/21"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("AI 21 has no value");
  }

  @Test
  void ignores_the_query_string_and_fragment() {
    assertThat(DigitalLink.parse(DEMO_URI + "?17=271231&linkType=gs1:pip"))
        .isEqualTo(DigitalLink.parse(DEMO_URI));
    assertThat(DigitalLink.parse(DEMO_URI + "#specs").format()).isEqualTo(DEMO_URI);
  }

  @ParameterizedTest
  @CsvSource({
    "4006381333931, 04006381333931",
    "96385074, 00000096385074",
    "036000291452, 00036000291452",
  })
  void normalises_short_gtins_in_the_path_to_14_digits(String gtin, String gtin14) {
    DigitalLink link = DigitalLink.parse("https://id.example.org/01/" + gtin + "/21/SN1");

    assertThat(link.id().gtin().digits()).isEqualTo(gtin14);
    assertThat(link.format()).isEqualTo("https://id.example.org/01/" + gtin14 + "/21/SN1");
  }

  @Test
  void rejects_wrong_check_digit_and_quotes_the_uri() {
    assertThatThrownBy(() -> DigitalLink.parse("https://id.example.org/01/09521234000019/21/PK1"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("is 9 but should be 3")
        .hasMessageContaining("(in Digital Link \"https://id.example.org/01/09521234000019/21/PK1\")");
  }

  @Test
  void percent_decodes_path_segments_in_either_hex_case() {
    assertThat(DigitalLink.parse("https://id.example.org/01/09521234000013/21/A%2fB%2FC").id().serial().value())
        .isEqualTo("A/B/C");
    DigitalLink overEncoded = DigitalLink.parse("https://id.example.org/01/09521234000013/21/%50K0001234");
    assertThat(overEncoded.id()).isEqualTo(DEMO);
    assertThat(overEncoded.format()).isEqualTo(DEMO_URI);
  }

  @Test
  void keeps_plus_as_a_plus_in_the_path() {
    assertThat(DigitalLink.parse("https://id.example.org/01/09521234000013/21/A+B").id().serial().value())
        .isEqualTo("A+B");
  }

  @Test
  void rejects_serial_outside_set_82_after_decoding() {
    assertThatThrownBy(() -> DigitalLink.parse("https://id.example.org/01/09521234000013/21/Caf%C3%A9"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("(U+00E9) at position 4")
        .hasMessageContaining("character set 82");
    assertThatThrownBy(() -> DigitalLink.parse("https://id.example.org/01/09521234000013/21/A%23B"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("'#'");
  }

  @Test
  void rejects_percent_escapes_that_are_not_utf8() {
    assertThatThrownBy(() -> DigitalLink.parse("https://id.example.org/01/09521234000013/21/A%C3"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("not UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://id.example.org/01/09521234000013/21/A%G1",
    "https://id.example.org/01/09521234000013/21/A B",
    "https://id.example.org/01/09521234000013/21/Caf\u00e9",
    "https://id.example.org/01/09521234000013/21/A\"B",
  })
  void rejects_characters_a_uri_must_percent_encode(String uri) {
    assertThatThrownBy(() -> DigitalLink.parse(uri)).isInstanceOf(IdentifierException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "ftp://id.example.org/01/09521234000013/21/PK1",
    "urn:epc:id:sgtin:9521234.000001.PK1",
    "//id.example.org/01/09521234000013/21/PK1",
    "/01/09521234000013/21/PK1",
  })
  void accepts_only_http_and_https(String uri) {
    assertThatThrownBy(() -> DigitalLink.parse(uri))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("scheme must be https (or http for local testing)");
  }

  @Test
  void accepts_http_with_a_port_for_local_testing() {
    DigitalLink link = DigitalLink.parse("http://localhost:8080/01/09521234000013/21/PK0001234");

    assertThat(link.resolverBase()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(link.id()).isEqualTo(DEMO);
  }

  @Test
  void rejects_user_info_that_would_disguise_the_host() {
    assertThatThrownBy(() -> DigitalLink.parse("https://id.example.org@evil.example/01/09521234000013/21/PK1"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("without user info");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "https://id.example.org/00/106141411234567897 | no /01/<GTIN>",
    "https://id.example.org | no path",
    "https://id.example.org/ | no path",
    "https://id.example.org//01/09521234000013/21/PK1 | empty segment",
    "https://id.example.org/01/09521234000013/21/PK1/ | empty segment",
    "https://id.example.org/01/09521234000013/17/261231/21/PK1 | \"17\" is not a key qualifier",
    "https://id.example.org/01/09521234000013/21/PK1/extra | \"extra\" is not a key qualifier",
  })
  void rejects_paths_that_are_not_gtin_plus_serial(String uri, String detail) {
    assertThatThrownBy(() -> DigitalLink.parse(uri))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining(detail);
  }

  @Test
  void accepts_2048_characters_and_rejects_2049() {
    String serial = "/".repeat(20); // 60 characters once encoded
    String prefix = "https://id.example.org/";
    String base = prefix + "p".repeat(2048 - 82 - prefix.length());
    PassportId id = new PassportId(DEMO_GTIN, new Serial(serial));

    String longest = DigitalLink.of(base, id).format();
    assertThat(longest).hasSize(2048);
    assertThat(DigitalLink.parse(longest).id()).isEqualTo(id);

    String tooLong = longest.replace("/pp", "/ppp");
    assertThat(tooLong).hasSize(2049);
    assertThatThrownBy(() -> DigitalLink.parse(tooLong))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("2049 characters; at most 2048");
    assertThatThrownBy(() -> DigitalLink.of(base + "p", id))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("leave room");
  }

  @Test
  void rejects_a_resolver_base_with_query_or_fragment() {
    assertThatThrownBy(() -> DigitalLink.of("https://id.example.org/#x", DEMO))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("query or fragment");
  }

  @Test
  void rejects_null() {
    assertThatThrownBy(() -> DigitalLink.parse(null)).isInstanceOf(IdentifierException.class);
    assertThatThrownBy(() -> DigitalLink.of(null, DEMO)).isInstanceOf(IdentifierException.class);
  }
}

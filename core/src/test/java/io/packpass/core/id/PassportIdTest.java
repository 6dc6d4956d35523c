package io.packpass.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassportIdTest {

  private static final String BASE = "https://id.example.org";
  private static final PassportId DEMO = new PassportId(Gtin.parse("09521234000013"), new Serial("PK0001234"));

  @Test
  void writes_the_gs1_element_string() {
    assertThat(DEMO.elementString()).isEqualTo("(01)09521234000013(21)PK0001234");
    assertThat(DEMO).hasToString("(01)09521234000013(21)PK0001234");
  }

  @Test
  void parses_the_element_string_it_writes() {
    assertThat(PassportId.parseElementString(DEMO.elementString())).isEqualTo(DEMO);
  }

  @Test
  void reads_a_serial_that_contains_parentheses_because_ai_01_is_fixed_length() {
    PassportId id = PassportId.parseElementString("(01)09521234000013(21)A(21)B");

    assertThat(id.serial().value()).isEqualTo("A(21)B");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "01095212340000132 1PK1",
    "0109521234000013" + "21PK1",
    "(01)4006381333931(21)PK1",
    "(01)09521234000013PK1",
    "(01)09521234000013(10)PK1",
    "(02)09521234000013(21)PK1",
  })
  void rejects_element_strings_of_the_wrong_shape(String text) {
    assertThatThrownBy(() -> PassportId.parseElementString(text))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("(01)<14-digit GTIN>(21)<serial>");
  }

  @Test
  void rejects_element_string_with_bad_check_digit_or_serial() {
    assertThatThrownBy(() -> PassportId.parseElementString("(01)09521234000014(21)PK1"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("should be 3");
    assertThatThrownBy(() -> PassportId.parseElementString("(01)09521234000013(21)"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> PassportId.parseElementString("(01)09521234000013(21)PK 1"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("position 3");
    assertThatThrownBy(() -> PassportId.parseElementString(null))
        .isInstanceOf(IdentifierException.class);
  }

  @Test
  void writes_the_digital_link_under_a_resolver_base() {
    assertThat(DEMO.digitalLink(BASE))
        .isEqualTo("https://id.example.org/01/09521234000013/21/PK0001234");
    assertThat(DEMO.digitalLink("https://id.example.org/dpp/"))
        .isEqualTo("https://id.example.org/dpp/01/09521234000013/21/PK0001234");
  }

  // Expected values computed independently with CPython's uuid module, e.g.
  //   python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL,
  //               'https://id.example.org/01/09521234000013/21/PK0001234'))"
  @Test
  void uuid_is_version_5_over_the_digital_link_as_python_computes_it() {
    assertThat(DEMO.uuid(BASE)).isEqualTo(UUID.fromString("9eb239c5-bbfa-5c37-8d27-f2584a7a5e77"));

    // name: https://id.example.org/dpp/01/09521234000013/21/A%2FB%25C
    PassportId encoded = new PassportId(Gtin.parse("09521234000013"), new Serial("A/B%C"));
    assertThat(encoded.uuid("https://id.example.org/dpp"))
        .isEqualTo(UUID.fromString("50d867b8-b530-50ed-b90d-66a264a141f0"));

    // name: http://localhost:8080/01/04006381333931/21/SN-42
    PassportId local = new PassportId(Gtin.parse("4006381333931"), new Serial("SN-42"));
    assertThat(local.uuid("http://localhost:8080"))
        .isEqualTo(UUID.fromString("4d8fcbca-c15a-5878-95b1-b1c93f44b1f6"));
  }

  @Test
  void uuid_has_version_nibble_5_and_the_ietf_variant() {
    UUID uuid = DEMO.uuid(BASE);

    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2); // binary 10x: RFC 4122 / RFC 9562
    assertThat(uuid.toString().charAt(14)).isEqualTo('5');
    assertThat(uuid.toString().charAt(19)).isIn('8', '9', 'a', 'b');
  }

  @Test
  void uuid_does_not_depend_on_how_the_resolver_base_is_spelled() {
    assertThat(DEMO.uuid("HTTPS://ID.Example.ORG/")).isEqualTo(DEMO.uuid(BASE));
  }

  @Test
  void uuid_differs_between_serials_and_between_resolvers() {
    PassportId next = new PassportId(DEMO.gtin(), new Serial("PK0001235"));

    assertThat(next.uuid(BASE)).isNotEqualTo(DEMO.uuid(BASE));
    assertThat(DEMO.uuid("https://id.example.com")).isNotEqualTo(DEMO.uuid(BASE));
  }

  @Test
  void urn_wraps_the_uuid() {
    assertThat(DEMO.urn(BASE)).isEqualTo("urn:uuid:9eb239c5-bbfa-5c37-8d27-f2584a7a5e77");
  }

  @Test
  void rejects_an_unusable_resolver_base() {
    assertThatThrownBy(() -> DEMO.digitalLink("ftp://id.example.org"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("scheme must be https");
    assertThatThrownBy(() -> DEMO.uuid("https://id.example.org?x=1"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("query");
    assertThatThrownBy(() -> DEMO.digitalLink("id.example.org"))
        .isInstanceOf(IdentifierException.class);
    assertThatThrownBy(() -> DEMO.digitalLink("https://id example.org"))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("U+0020 at position 11");
  }
}

package io.packpass.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelCodeTest {
  private static final DigitalLink LINK = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId());

  private static SignedLabel label() {
    return SignedLabel.sign(SoftwareSigner.ed25519(new byte[32]), LINK,
        LabelFacts.of(SamplePassports.evModel(), Optional.empty(), Instant.parse("2026-11-20T12:00:00Z")), Optional.empty());
  }

  @Test
  void an_unsigned_label_is_the_canonical_digital_link_and_nothing_else() {
    assertThat(LabelCode.format(LINK)).isEqualTo("https://id.packpass.example/01/09521234000013/21/EV75-000123");
    LabelCode.Scanned scanned = LabelCode.parse(LabelCode.format(LINK) + "\r\n");
    assertThat(scanned.link()).isEqualTo(LINK);
    assertThat(scanned.signature()).isEmpty();
  }

  @Test
  void a_signed_label_puts_the_cose_bytes_in_the_fragment_as_upper_case_base32() {
    SignedLabel label = label();
    String text = LabelCode.format(LINK, label);
    assertThat(text).startsWith(LINK.format() + "#PP1.").matches("[^#]*#PP1\\.[A-Z2-7]+");
    assertThat(LabelCode.parse(text).signature()).hasValue(label.encoded());
    // The link in front of the fragment is what a phone opens; it parses as the same passport.
    assertThat(DigitalLink.parse(text).id()).isEqualTo(SamplePassports.evId());
  }

  @Test
  void a_foreign_fragment_or_bad_base32_is_named_precisely() {
    String link = LINK.format();
    assertThatThrownBy(() -> LabelCode.parse(link + "#specs")).isInstanceOf(LabelFormatException.class)
        .hasMessage("the link's fragment is not a PackPass label signature (expected #PP1.<base32>, found #specs)");
    assertThatThrownBy(() -> LabelCode.parse(link + "#PP1.abc")).hasMessageContaining("'a' at position 1");
    assertThatThrownBy(() -> LabelCode.parse(link + "#PP1.AAA")).hasMessageContaining("3 base32 characters");
    assertThatThrownBy(() -> LabelCode.parse(link + "#PP1.AB")).hasMessageContaining("bits set that encode nothing");
    assertThatThrownBy(() -> LabelCode.parse(link + "#PP1.")).hasMessageContaining("empty");
    assertThatThrownBy(() -> LabelCode.parse("x".repeat(5000))).hasMessageContaining("at most 4096");
    assertThatThrownBy(() -> LabelCode.parse("https://id.packpass.example/01/09521234000014/21/X#PP1.AA"))
        .isInstanceOf(IdentifierException.class).hasMessageContaining("check digit");
  }

  @Test
  void a_signature_cannot_be_formatted_onto_another_packs_link() {
    DigitalLink other = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.lmtId());
    assertThatThrownBy(() -> LabelCode.format(other, label())).isInstanceOf(IllegalArgumentException.class);
  }
}

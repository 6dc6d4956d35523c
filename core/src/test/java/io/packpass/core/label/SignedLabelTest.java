package io.packpass.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.HeavyMetals;
import io.packpass.core.passport.Model;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignedLabelTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private static final SoftwareSigner SIGNER = SoftwareSigner.ed25519(new byte[32]);
  private static final DigitalLink EV = DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId());

  private static LabelFacts facts() {
    return LabelFacts.of(SamplePassports.evModel(), Optional.of(9_312L), T);
  }

  private static SignedLabel signed() {
    return SignedLabel.sign(SIGNER, EV, facts(), Optional.empty());
  }

  @ParameterizedTest
  @EnumSource(value = CoseAlgorithm.class, names = {"EDDSA", "ES256"})
  void a_signed_label_parses_back_to_the_same_facts_and_verifies(CoseAlgorithm algorithm) {
    SoftwareSigner signer = SoftwareSigner.generate(algorithm, new SecureRandom());
    SignedLabel label = SignedLabel.sign(signer, EV, facts(), Optional.empty());
    SignedLabel parsed = SignedLabel.parse(label.encoded(), EV);
    assertThat(parsed.facts()).isEqualTo(facts());
    assertThat(parsed.kid()).isEqualTo(signer.keyId());
    assertThat(parsed.certificate()).isEmpty();
    assertThat(parsed.verify(signer.verificationKey())).isTrue();
    assertThat(CborEncoder.encode(CborDecoder.decode(label.encoded()))).isEqualTo(label.encoded());
  }

  @Test
  void the_signature_is_bound_to_its_link_so_it_fails_on_another_pack_or_resolver() {
    SignedLabel moved = SignedLabel.parse(signed().encoded(), DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.lmtId()));
    assertThat(moved.verify(SIGNER.verificationKey())).isFalse();
    SignedLabel phished = SignedLabel.parse(signed().encoded(), DigitalLink.of("https://id.packpass.example.evil", EV.id()));
    assertThat(phished.verify(SIGNER.verificationKey())).isFalse();
  }

  @Test
  void a_birth_record_signed_by_the_same_key_never_passes_for_a_label() {
    UpdatePayload birth = new UpdatePayload(EV.id(), 0, UpdatePayload.genesis(), T, UpdateKind.BIRTH,
        UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()), Optional.empty());
    byte[] bytes = SignedUpdate.sign(SIGNER, birth).encoded();
    assertThatThrownBy(() -> SignedLabel.parse(bytes, EV)).isInstanceOf(LabelFormatException.class)
        .hasMessageContaining("label payload");
  }

  @Test
  void every_flipped_bit_of_the_payload_or_signature_fails_verification_or_parsing() {
    byte[] good = signed().encoded();
    int verifiedTampered = 0;
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        try {
          if (SignedLabel.parse(bad, EV).verify(SIGNER.verificationKey())) {
            verifiedTampered++;
          }
        } catch (LabelFormatException expected) {
          assertThat(expected.getMessage()).startsWith("label ");
        } catch (CoseException expected) { // a flipped alg that does not fit the key
          assertThat(expected.getMessage()).contains("does not fit");
        }
      }
    }
    assertThat(verifiedTampered).as("tampered variants that still verified").isZero();
  }

  @Test
  void a_label_signature_with_an_unprotected_header_is_refused() {
    HashMap<Cbor, Cbor> headers = new HashMap<>();
    headers.put(Cbor.of(1L), Cbor.of(SIGNER.algorithm().id()));
    headers.put(Cbor.of(4L), Cbor.of(SIGNER.keyId().bytes()));
    byte[] bytes = CoseSign1.sign(SIGNER, Cbor.Map.of(headers), Cbor.Map.of(java.util.Map.of(Cbor.of(3L), Cbor.of("x"))),
        facts().encode(), SignedLabel.aad(EV)).encoded();
    assertThatThrownBy(() -> SignedLabel.parse(bytes, EV)).isInstanceOf(LabelFormatException.class)
        .hasMessage("label signature: the unprotected header must be empty");
  }

  @Test
  void a_label_signature_without_kid_or_with_a_foreign_header_is_refused() {
    HashMap<Cbor, Cbor> noKid = new HashMap<>();
    noKid.put(Cbor.of(1L), Cbor.of(SIGNER.algorithm().id()));
    byte[] a = CoseSign1.sign(SIGNER, Cbor.Map.of(noKid), Cbor.Map.empty(), facts().encode(), SignedLabel.aad(EV)).encoded();
    assertThatThrownBy(() -> SignedLabel.parse(a, EV)).hasMessage("label signature: 'kid' missing");
    HashMap<Cbor, Cbor> foreign = new HashMap<>(noKid);
    foreign.put(Cbor.of(4L), Cbor.of(SIGNER.keyId().bytes()));
    foreign.put(Cbor.of(3L), Cbor.of("application/cbor"));
    byte[] b = CoseSign1.sign(SIGNER, Cbor.Map.of(foreign), Cbor.Map.empty(), facts().encode(), SignedLabel.aad(EV)).encoded();
    assertThatThrownBy(() -> SignedLabel.parse(b, EV)).hasMessageContaining("protected header 3 is not one of");
  }

  @Test
  void non_deterministic_encoding_is_refused_even_with_a_good_signature() {
    byte[] good = signed().encoded();
    // The payload bstr length (0x58 NN) written as a two-byte length: same value, longer form.
    int at = indexOf(good, new byte[] {0x58, (byte) facts().encode().length});
    byte[] loose = new byte[good.length + 1];
    System.arraycopy(good, 0, loose, 0, at);
    loose[at] = 0x59;
    loose[at + 1] = 0;
    System.arraycopy(good, at + 1, loose, at + 2, good.length - at - 1);
    assertThatThrownBy(() -> SignedLabel.parse(loose, EV)).isInstanceOf(LabelFormatException.class)
        .hasMessageContaining("not in its shortest form");
  }

  @Test
  void hazard_flags_follow_the_cadmium_and_lead_thresholds_of_article_13_5() {
    Model base = SamplePassports.lmtModel();
    assertThat(Hazard.of(base)).containsExactly(Hazard.OTHER_HAZARDOUS_SUBSTANCES);
    Model leaded = withMetals(base, new HeavyMetals(0, 20, 41));
    assertThat(Hazard.of(leaded)).containsExactlyInAnyOrder(Hazard.OTHER_HAZARDOUS_SUBSTANCES, Hazard.LEAD_MARK);
    Model cadmium = withMetals(base, new HeavyMetals(0, 21, 40));
    assertThat(Hazard.of(cadmium)).contains(Hazard.CADMIUM_MARK).doesNotContain(Hazard.LEAD_MARK);
  }

  @Test
  void unknown_hazard_bits_and_out_of_range_values_are_refused_with_their_path() {
    Cbor.Map good = facts().toCbor();
    assertThatThrownBy(() -> LabelFacts.decode(CborEncoder.encode(with(good, 6, Cbor.of(8L))), SignedLabel.LIMITS))
        .hasMessageContaining("$.6").hasMessageContaining("hazard flags 8");
    assertThatThrownBy(() -> LabelFacts.decode(CborEncoder.encode(with(good, 8, Cbor.of(10_001L))), SignedLabel.LIMITS))
        .hasMessageContaining("$.8");
    assertThatThrownBy(() -> LabelFacts.decode(CborEncoder.encode(with(good, 2, Cbor.of(99L))), SignedLabel.LIMITS))
        .hasMessageContaining("$.2").hasMessageContaining("unknown battery category code 99");
    assertThatThrownBy(() -> LabelFacts.decode(CborEncoder.encode(with(good, 10, Cbor.of(1L))), SignedLabel.LIMITS))
        .hasMessageContaining("unknown field(s) 10");
  }

  @Test
  void a_first_label_without_state_of_health_leaves_the_field_out() {
    LabelFacts first = new LabelFacts("Voltaris Bike 48/14", Category.LMT, Chemistry.LI_ION_NMC, 14_000, 3_400, Set.of(),
        List.of(), Optional.empty(), T);
    assertThat(first.toCbor().get(8)).isEmpty();
    assertThat(first.toCbor().get(7)).isEmpty();
    assertThat(LabelFacts.decode(first.encode(), SignedLabel.LIMITS)).isEqualTo(first);
  }

  @Test
  void mutated_label_codes_fail_only_with_typed_errors() {
    String good = LabelCode.format(EV, signed());
    Random random = new Random(20261201L);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567#.%/=a0 \u00e9";
    int parsedAndVerified = 0;
    for (int round = 0; round < 5_000; round++) {
      StringBuilder s = new StringBuilder(good);
      switch (random.nextInt(3)) {
        case 0 -> s.setLength(random.nextInt(s.length()));
        case 1 -> s.setCharAt(random.nextInt(s.length()), alphabet.charAt(random.nextInt(alphabet.length())));
        default -> s.deleteCharAt(random.nextInt(s.length()));
      }
      String text = s.toString();
      try {
        LabelCode.Scanned scanned = LabelCode.parse(text);
        boolean same = scanned.link().equals(EV) && scanned.signature().isPresent()
            && Arrays.equals(scanned.signature().get(), signed().encoded());
        if (!same && scanned.signature().isPresent()
            && SignedLabel.parse(scanned.signature().get(), scanned.link()).verify(SIGNER.verificationKey())) {
          parsedAndVerified++;
        }
      } catch (LabelFormatException | IdentifierException | CoseException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException e) {
        fail("round " + round + " (" + text + "): unexpected " + e, e);
      }
    }
    assertThat(parsedAndVerified).isZero();
  }

  private static Model withMetals(Model m, HeavyMetals metals) {
    return new Model(m.manufacturer(), m.modelName(), m.category(), m.chemistry(), m.massGrams(), m.performance(),
        m.hazardousSubstances(), m.criticalRawMaterials(), m.recycledContent(), m.renewableContentCpct(),
        m.carbonFootprintGramsPerKwh(), m.carbonFootprintClass(), m.extinguishingAgents(), m.declarationOfConformity(),
        m.dueDiligenceReport(), m.endOfLifeInformation(), m.labelSymbols(), m.composition(), m.dismantlingInformation(),
        m.sparePartSources(), m.safetyMeasures(), m.testReports(), m.carbonFootprintStages(), m.carbonFootprintStudy(),
        m.labelsInformation(), Optional.of(metals));
  }

  private static Cbor.Map with(Cbor.Map map, long key, Cbor value) {
    HashMap<Cbor, Cbor> entries = new HashMap<>(map.entries());
    entries.put(Cbor.of(key), value);
    return Cbor.Map.of(entries);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}

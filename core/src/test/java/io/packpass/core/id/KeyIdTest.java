package io.packpass.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyIdTest {

  private static final HexFormat HEX = HexFormat.of();

  // RFC 8032 §7.1 TEST 1 public key, wrapped in the fixed 12-byte Ed25519 SubjectPublicKeyInfo
  // header of RFC 8410 §4 (SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }).
  private static final byte[] RFC8032_TEST1_SPKI = HEX.parseHex("302a300506032b6570032100"
      + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  // Computed independently with Python:
  //   python3 -c "import hashlib; print(hashlib.sha256(bytes.fromhex('302a300506032b6570032100'
  //               'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')).hexdigest()[:32])"
  private static final String RFC8032_TEST1_KID = "06e3fd8fda29bb60ab59557de61edb0a";

  @Test
  void key_id_of_rfc8032_test1_spki_matches_python() {
    assertThat(KeyId.ofSubjectPublicKeyInfo(RFC8032_TEST1_SPKI)).hasToString(RFC8032_TEST1_KID);
  }

  @Test
  void key_id_of_the_jdk_public_key_for_rfc8032_test1_matches_python() throws Exception {
    PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(RFC8032_TEST1_SPKI));

    assertThat(KeyId.of(key)).isEqualTo(KeyId.fromHex(RFC8032_TEST1_KID));
  }

  @Test
  void key_id_of_a_fresh_ed25519_key_equals_key_id_of_its_spki_bytes() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();

    assertThat(KeyId.of(key)).isEqualTo(KeyId.ofSubjectPublicKeyInfo(key.getEncoded()));
    assertThat(KeyId.of(key)).isNotEqualTo(KeyId.fromHex(RFC8032_TEST1_KID));
  }

  @Test
  void key_id_works_for_p256_keys_whose_spki_has_a_longer_header() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    PublicKey key = generator.generateKeyPair().getPublic();

    assertThat(KeyId.of(key).bytes()).hasSize(16);
    assertThat(KeyId.of(key)).isEqualTo(KeyId.ofSubjectPublicKeyInfo(key.getEncoded()));
  }

  @Test
  void rejects_the_raw_key_in_place_of_the_spki() {
    byte[] rawKey = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    assertThatThrownBy(() -> KeyId.ofSubjectPublicKeyInfo(rawKey))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("DER SEQUENCE");
  }

  @Test
  void rejects_a_truncated_or_padded_spki() {
    byte[] truncated = Arrays.copyOf(RFC8032_TEST1_SPKI, RFC8032_TEST1_SPKI.length - 1);
    byte[] padded = Arrays.copyOf(RFC8032_TEST1_SPKI, RFC8032_TEST1_SPKI.length + 1);

    assertThatThrownBy(() -> KeyId.ofSubjectPublicKeyInfo(truncated))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("is 43 bytes but its DER SEQUENCE says 44");
    assertThatThrownBy(() -> KeyId.ofSubjectPublicKeyInfo(padded))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("is 45 bytes but its DER SEQUENCE says 44");
    assertThatThrownBy(() -> KeyId.ofSubjectPublicKeyInfo(new byte[0]))
        .isInstanceOf(IdentifierException.class);
  }

  @Test
  void rejects_a_public_key_that_does_not_encode_as_x509() {
    PublicKey raw = new PublicKey() {
      @Override
      public String getAlgorithm() {
        return "Ed25519";
      }

      @Override
      public String getFormat() {
        return "RAW";
      }

      @Override
      public byte[] getEncoded() {
        return new byte[32];
      }
    };

    assertThatThrownBy(() -> KeyId.of(raw))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("X.509")
        .hasMessageContaining("\"RAW\"");
  }

  @Test
  void round_trips_through_lower_case_hex_and_accepts_upper_case() {
    KeyId id = KeyId.fromHex(RFC8032_TEST1_KID.toUpperCase());

    assertThat(id).hasToString(RFC8032_TEST1_KID);
    assertThat(KeyId.fromHex(id.toString())).isEqualTo(id);
  }

  @Test
  void rejects_hex_of_wrong_length_or_with_non_hex_digits() {
    assertThatThrownBy(() -> KeyId.fromHex(RFC8032_TEST1_KID.substring(2)))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("32 hex digits, got 30");
    assertThatThrownBy(() -> KeyId.fromHex("g" + RFC8032_TEST1_KID.substring(1)))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("hex digits");
    assertThatThrownBy(() -> KeyId.fromHex(null)).isInstanceOf(IdentifierException.class);
  }

  @Test
  void requires_exactly_16_bytes() {
    assertThat(KeyId.of(new byte[16]).bytes()).hasSize(16);
    assertThatThrownBy(() -> KeyId.of(new byte[15]))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("16 bytes, got 15");
    assertThatThrownBy(() -> KeyId.of(new byte[17]))
        .isInstanceOf(IdentifierException.class)
        .hasMessageContaining("16 bytes, got 17");
    assertThatThrownBy(() -> KeyId.of((byte[]) null)).isInstanceOf(IdentifierException.class);
  }

  @Test
  void copies_bytes_on_the_way_in_and_out() {
    byte[] input = HEX.parseHex(RFC8032_TEST1_KID);
    KeyId id = KeyId.of(input);

    input[0] ^= 1;
    id.bytes()[1] ^= 1;

    assertThat(id).hasToString(RFC8032_TEST1_KID);
  }

  @Test
  void equals_and_hash_code_compare_content() {
    KeyId a = KeyId.of(HEX.parseHex(RFC8032_TEST1_KID));
    KeyId b = KeyId.fromHex(RFC8032_TEST1_KID);
    KeyId other = KeyId.of(new byte[16]);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other);
  }
}

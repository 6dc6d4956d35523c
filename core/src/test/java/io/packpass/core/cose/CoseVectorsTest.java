package io.packpass.core.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.testing.SharedReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cose-wg/Examples vectors (commit 53c9d634, copied to shared/reference/cose-vectors):
 * Ed25519 Sign1 reproduced byte for byte, every passing Sign1 vector verified, every failing one
 * rejected.
 */
class CoseVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  static Stream<String> sign1Vectors() {
    return Stream.of(
        "eddsa-examples/eddsa-sig-01.json", "eddsa-examples/eddsa-sig-02.json",
        "ecdsa-examples/ecdsa-sig-01.json", "ecdsa-examples/ecdsa-sig-02.json",
        "ecdsa-examples/ecdsa-sig-03.json", "ecdsa-examples/ecdsa-sig-04.json",
        "RFC8152/Appendix_C_2_1.json", "CWT/A_3.json",
        "sign1-tests/sign-pass-01.json", "sign1-tests/sign-pass-02.json", "sign1-tests/sign-pass-03.json",
        "sign1-tests/sign-fail-01.json", "sign1-tests/sign-fail-02.json", "sign1-tests/sign-fail-03.json",
        "sign1-tests/sign-fail-04.json", "sign1-tests/sign-fail-06.json", "sign1-tests/sign-fail-07.json");
  }

  @ParameterizedTest
  @MethodSource("sign1Vectors")
  void verifies_passing_vectors_and_rejects_failing_ones(String file) throws IOException {
    JsonNode vector = load(file);
    JsonNode sign0 = vector.at("/input/sign0");
    byte[] message = HEX.parseHex(vector.at("/output/cbor").asText().toLowerCase());
    byte[] external = sign0.has("external") ? HEX.parseHex(sign0.get("external").asText().toLowerCase()) : new byte[0];
    VerificationKey key = key(sign0.get("key"));
    boolean mustFail = vector.path("fail").asBoolean(false);

    if (mustFail) {
      assertThat(rejects(message, key, external)).as(file + " must be rejected").isTrue();
    } else {
      CoseSign1 parsed = CoseSign1.parse(message);
      assertThat(parsed.verify(key, external)).as(file + " must verify").isTrue();
      assertThat(parsed.payload()).hasValue(plaintext(vector));
      assertThat(HEX.formatHex(parsed.toBeSigned(external)))
          .isEqualToIgnoringCase(vector.at("/intermediates/ToBeSign_hex").asText());
      assertThat(parsed.encoded()).isEqualTo(message);
    }
  }

  @Test
  void reproduces_the_ed25519_sign1_vector_byte_for_byte() throws IOException {
    JsonNode vector = load("eddsa-examples/eddsa-sig-01.json");
    byte[] seed = HEX.parseHex(vector.at("/input/sign0/key/d_hex").asText());
    SoftwareSigner signer = SoftwareSigner.ed25519(seed);
    Cbor.Map protectedHeaders = Cbor.Map.of(Map.of(Cbor.of(1), Cbor.of(-8), Cbor.of(3), Cbor.of(0)));
    Cbor.Map unprotectedHeaders = Cbor.Map.of(Map.of(Cbor.of(4), Cbor.of("11".getBytes(StandardCharsets.UTF_8))));

    CoseSign1 signed = CoseSign1.sign(signer, protectedHeaders, unprotectedHeaders, plaintext(vector), new byte[0]);

    assertThat(HEX.formatHex(signed.encoded())).isEqualToIgnoringCase(vector.at("/output/cbor").asText());
  }

  @Test
  void rejects_a_cose_sign_message_that_is_not_sign1() throws IOException {
    JsonNode vector = load("eddsa-examples/eddsa-01.json");
    byte[] message = HEX.parseHex(vector.at("/output/cbor").asText().toLowerCase());
    assertThatThrownBy(() -> CoseSign1.parse(message))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("tag 98");
  }

  @Test
  void signs_and_verifies_with_both_packpass_algorithms_and_rejects_a_flipped_byte() {
    var random = new java.security.SecureRandom();
    for (CoseAlgorithm algorithm : List.of(CoseAlgorithm.EDDSA, CoseAlgorithm.ES256)) {
      SoftwareSigner signer = SoftwareSigner.generate(algorithm, random);
      byte[] payload = "battery".getBytes(StandardCharsets.UTF_8);
      CoseSign1 signed = CoseSign1.sign(signer, payload);
      CoseSign1 parsed = CoseSign1.parse(signed.encoded());
      assertThat(parsed.verify(signer.verificationKey())).isTrue();
      assertThat(parsed.algorithm()).isEqualTo(algorithm);
      assertThat(parsed.kid()).hasValue(signer.keyId().bytes());
      assertThat(parsed.algorithmIsProtected()).isTrue();

      byte[] tampered = signed.encoded();
      tampered[tampered.length - 70] ^= 0x01; // inside the payload
      assertThat(CoseSign1.parse(tampered).verify(signer.verificationKey())).isFalse();
    }
  }

  @Test
  void carries_a_certificate_chain_in_the_protected_x5chain_header() {
    SoftwareSigner signer = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new java.security.SecureRandom());
    byte[] leaf = {0x30, 0x03, 0x02, 0x01, 0x01};
    byte[] issuer = {0x30, 0x03, 0x02, 0x01, 0x02};
    CoseSign1 one = CoseSign1.parse(CoseSign1.sign(signer.withCertificateChain(List.of(leaf)), new byte[] {1}).encoded());
    CoseSign1 two = CoseSign1.parse(
        CoseSign1.sign(signer.withCertificateChain(List.of(leaf, issuer)), new byte[] {1}).encoded());

    assertThat(one.protectedHeaders().get(CoseSign1.LABEL_X5CHAIN)).hasValue(Cbor.of(leaf));
    assertThat(one.certificateChain()).containsExactly(leaf);
    assertThat(two.certificateChain()).containsExactly(leaf, issuer);
    assertThat(two.verify(signer.verificationKey())).isTrue();
    assertThat(CoseSign1.parse(CoseSign1.sign(signer, new byte[] {1}).encoded()).certificateChain()).isEmpty();
  }

  @Test
  void rejects_labels_in_both_buckets_and_unknown_critical_headers() {
    SoftwareSigner signer = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new java.security.SecureRandom());
    Cbor.Map alg = Cbor.Map.of(Map.of(Cbor.of(1), Cbor.of(-8)));
    assertThatThrownBy(() -> CoseSign1.sign(signer, alg, alg, new byte[] {1}, new byte[0]))
        .isInstanceOf(CoseException.class).hasMessageContaining("both the protected and unprotected");
    Cbor.Map crit = Cbor.Map.of(Map.of(Cbor.of(1), Cbor.of(-8), Cbor.of(2), Cbor.array(Cbor.of(99))));
    assertThatThrownBy(() -> CoseSign1.sign(signer, crit, Cbor.Map.empty(), new byte[] {1}, new byte[0]))
        .isInstanceOf(CoseException.class).hasMessageContaining("not understood");
  }

  @Test
  void signing_key_round_trips_through_pkcs8() {
    SoftwareSigner signer = SoftwareSigner.generate(CoseAlgorithm.ES256, new java.security.SecureRandom());
    SoftwareSigner restored = SoftwareSigner.fromPkcs8(signer.pkcs8());
    assertThat(restored.keyId()).isEqualTo(signer.keyId());
    assertThat(restored.toString()).doesNotContain(HEX.formatHex(signer.pkcs8()));
  }

  @Test
  void refuses_an_algorithm_that_does_not_fit_the_key() {
    SoftwareSigner ed = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new java.security.SecureRandom());
    SoftwareSigner ec = SoftwareSigner.generate(CoseAlgorithm.ES256, new java.security.SecureRandom());
    CoseSign1 signed = CoseSign1.sign(ed, new byte[] {1});
    assertThatThrownBy(() -> signed.verify(ec.verificationKey()))
        .isInstanceOf(CoseException.class)
        .hasMessageContaining("does not fit a EC key");
  }

  private static boolean rejects(byte[] message, VerificationKey key, byte[] external) {
    try {
      return !CoseSign1.parse(message).verify(key, external);
    } catch (CoseException e) {
      return true;
    }
  }

  private static byte[] plaintext(JsonNode vector) {
    JsonNode input = vector.get("input");
    return input.has("plaintext_hex")
        ? HEX.parseHex(input.get("plaintext_hex").asText().toLowerCase())
        : input.get("plaintext").asText().getBytes(StandardCharsets.UTF_8);
  }

  private static VerificationKey key(JsonNode jwk) {
    String crv = jwk.get("crv").asText();
    if (crv.startsWith("Ed")) {
      byte[] x = jwk.has("x_hex") ? HEX.parseHex(jwk.get("x_hex").asText()) : b64(jwk.get("x").asText());
      return crv.equals("Ed25519") ? VerificationKey.ed25519(x) : VerificationKey.ed448(x);
    }
    return VerificationKey.ec(crv, bytes(jwk, "x"), bytes(jwk, "y"));
  }

  private static byte[] bytes(JsonNode jwk, String name) {
    return jwk.has(name + "_hex") ? HEX.parseHex(jwk.get(name + "_hex").asText()) : b64(jwk.get(name).asText());
  }

  private static byte[] b64(String value) {
    return Base64.getUrlDecoder().decode(value);
  }

  private static JsonNode load(String file) throws IOException {
    Path path = SharedReference.path("cose-vectors/" + file);
    return JSON.readTree(Files.readString(path));
  }

}

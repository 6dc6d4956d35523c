package io.packpass.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborDiagnostic;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.label.LabelFacts;
import io.packpass.core.label.SignedLabel;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportFixtures;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden vectors in {@code src/test/resources/golden}: hex plus CBOR diagnostic notation for a
 * passport, a signed update, a decision and a label signature. They pin the wire format: any change to the encoding
 * shows up here. To regenerate after a deliberate format change, run the tests with
 * {@code -Dpackpass.golden.write=true} and review the diff.
 */
class GoldenVectorsTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  /** Fixed Ed25519 key for the vectors (Ed25519 is deterministic, so the signature is too). */
  static final byte[] SEED = HexFormat.of().parseHex("7061636b706173732d676f6c64656e2d766563746f722d6b65792d3230323621");

  private static final Map<String, Supplier<byte[]>> VECTORS = Map.of(
      "passport", () -> PassportFixtures.fullEv().encode(),
      "update", GoldenVectorsTest::signedReading,
      "decision", () -> CborEncoder.encode(PassportFixtures.fullEv().decisions().get(0).toCbor()),
      "label", GoldenVectorsTest::signedLabel);

  static byte[] signedReading() {
    Instant time = Instant.parse("2026-11-20T12:00:00Z");
    byte[] prev = HexFormat.of().parseHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    UpdatePayload payload = new UpdatePayload(SamplePassports.evId(), 42, prev, time, UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(time, 9_312, 180)), Optional.empty());
    return SignedUpdate.sign(SoftwareSigner.ed25519(SEED), payload).encoded();
  }

  /** The signature in a label's QR code: kid only, the Digital Link bound through the external AAD. */
  static byte[] signedLabel() {
    LabelFacts facts = LabelFacts.of(SamplePassports.evModel(), Optional.of(9_312L), Instant.parse("2026-11-20T12:00:00Z"));
    return SignedLabel.sign(SoftwareSigner.ed25519(SEED), DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId()), facts,
        Optional.empty()).encoded();
  }

  @ParameterizedTest
  @ValueSource(strings = {"passport", "update", "decision", "label"})
  void golden_vector_is_deterministic_and_reencodes_to_the_same_bytes(String name) throws IOException {
    byte[] produced = VECTORS.get(name).get();
    Path hexFile = DIR.resolve(name + ".hex");
    Path diagFile = DIR.resolve(name + ".diag");
    if (Boolean.getBoolean("packpass.golden.write")) {
      Files.writeString(hexFile, wrap(HexFormat.of().formatHex(produced)) + "\n");
      Files.writeString(diagFile, diagnostic(produced) + "\n");
    }
    byte[] golden = HexFormat.of().parseHex(Files.readString(hexFile).replaceAll("\\s", ""));

    assertThat(HexFormat.of().formatHex(produced)).as("%s encodes as in the golden file", name)
        .isEqualTo(HexFormat.of().formatHex(golden));
    assertThat(CborEncoder.encode(CborDecoder.decode(golden))).as("encode(decode(bytes)) == bytes").isEqualTo(golden);
    assertThat(diagnostic(golden)).isEqualTo(Files.readString(diagFile, StandardCharsets.UTF_8).strip());
    if (name.equals("passport")) {
      assertThat(Passport.decode(golden)).isEqualTo(PassportFixtures.fullEv());
    }
    if (name.equals("update")) {
      SignedUpdate update = SignedUpdate.parse(golden);
      assertThat(update.cose().verify(SoftwareSigner.ed25519(SEED).verificationKey())).isTrue();
      assertThat(update.payload().seq()).isEqualTo(42);
    }
    if (name.equals("label")) {
      SignedLabel label = SignedLabel.parse(golden, DigitalLink.of(SamplePassports.RESOLVER, SamplePassports.evId()));
      assertThat(label.verify(SoftwareSigner.ed25519(SEED).verificationKey())).isTrue();
      assertThat(label.facts().stateOfHealthCpct()).contains(9_312L);
    }
  }

  /** Diagnostic notation; for a COSE message the payload is shown decoded as well. */
  private static String diagnostic(byte[] bytes) {
    Cbor item = CborDecoder.decode(bytes);
    String diag = CborDiagnostic.format(item);
    if (item instanceof Cbor.Tagged tagged && tagged.tag() == CoseSign1.TAG) {
      byte[] payload = CoseSign1.parse(bytes).payload().orElseThrow();
      diag += "\n\n/ payload /\n" + CborDiagnostic.format(CborDecoder.decode(payload));
    }
    return diag;
  }

  private static String wrap(String hex) {
    return hex.replaceAll("(.{64})", "$1\n").strip();
  }
}

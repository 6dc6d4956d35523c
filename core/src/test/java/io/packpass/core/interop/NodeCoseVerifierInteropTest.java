package io.packpass.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PackPass's signed updates checked by a verifier this project did not write the crypto of: Node's
 * built-in Ed25519/ECDSA and the npm {@code cbor} package ({@code src/test/node/verify-cose.mjs},
 * installed by {@code .ci/run}).
 */
@Tag("interop")
class NodeCoseVerifierInteropTest {
  private static final Path VERIFIER = Path.of("src/test/node/verify-cose.mjs");

  @TempDir
  Path dir;

  private record Result(int exit, String out) {
  }

  @ParameterizedTest
  @EnumSource(value = CoseAlgorithm.class, names = {"EDDSA", "ES256"})
  void node_verifies_packpass_updates_and_rejects_a_flipped_byte(CoseAlgorithm algorithm) throws Exception {
    assertThat(Path.of("src/test/node/node_modules/cbor")).as("run .ci/run first: it installs the Node verifier")
        .exists();
    SoftwareSigner signer = SoftwareSigner.generate(algorithm, new SecureRandom());
    Instant time = Instant.parse("2026-11-20T12:00:00Z");
    UpdatePayload payload = new UpdatePayload(SamplePassports.evId(), 7, new byte[32], time, UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(time, 9_312, 180)), Optional.empty());
    byte[] bytes = SignedUpdate.sign(signer, payload).encoded();
    String spki = HexFormat.of().formatHex(signer.verificationKey().subjectPublicKeyInfo());

    Result good = node(spki, bytes);
    assertThat(good.exit()).as(good.out()).isZero();
    assertThat(good.out()).contains("\"verified\":true").contains("\"seq\":7")
        .contains("\"passport\":\"(01)09521234000013(21)EV75-000123\"")
        .contains("\"kid\":\"" + signer.keyId() + "\"");

    bytes[bytes.length - 80] ^= 0x01; // inside the payload
    Result bad = node(spki, bytes);
    assertThat(bad.exit()).as(bad.out()).isEqualTo(1);
    assertThat(bad.out()).contains("\"verified\":false");
  }

  private Result node(String spkiHex, byte[] update) throws IOException, InterruptedException {
    Path file = Files.write(dir.resolve("update.cose"), update);
    Process process = new ProcessBuilder("node", VERIFIER.toString(), spkiHex, file.toString())
        .redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("node verifier timed out");
    }
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}

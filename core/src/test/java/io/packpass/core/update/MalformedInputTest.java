package io.packpass.core.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.packpass.core.cbor.CborException;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportFixtures;
import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated real messages (fixed seed): every outcome is either a clean decode or the typed error of
 * the layer, never an unchecked surprise such as an index error or an out-of-memory.
 */
class MalformedInputTest {
  private static final int ROUNDS = 20_000;

  @Test
  void mutated_signed_updates_fail_only_with_update_format_errors() {
    Instant time = Instant.parse("2026-11-20T12:00:00Z");
    byte[] original = SignedUpdate.sign(SoftwareSigner.ed25519(new byte[32]), new UpdatePayload(SamplePassports.evId(),
        3, new byte[32], time, UpdateKind.READING, UpdateBody.reading(SamplePassports.evReading(time, 9_000, 100)),
        Optional.empty())).encoded();
    Random random = new Random(20261125L);
    int parsed = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] mutated = mutate(original, random);
      try {
        SignedUpdate.parse(mutated);
        parsed++;
      } catch (UpdateFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException | Error e) {
        fail("round " + i + ": unexpected " + e, e);
      }
    }
    // Flips inside the signature or in text values keep the structure: some must parse.
    assertThat(parsed).isPositive();
  }

  @Test
  void mutated_passports_fail_only_with_cbor_errors() {
    byte[] original = PassportFixtures.fullEv().encode();
    Random random = new Random(42L);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] mutated = mutate(original, random);
      try {
        Passport.decode(mutated);
      } catch (CborException expected) {
        assertThat(expected.path()).startsWith("$");
      } catch (RuntimeException | Error e) {
        fail("round " + i + ": unexpected " + e, e);
      }
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] out;
    switch (random.nextInt(4)) {
      case 0: // truncate
        return Arrays.copyOf(original, random.nextInt(original.length));
      case 1: // one random byte
        out = original.clone();
        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        return out;
      case 2: // a length or count byte pushed to a huge value
        out = original.clone();
        int at = random.nextInt(out.length);
        out[at] = (byte) (0x1a + (random.nextInt(6) << 5));
        return out;
      default: // a few flipped bits
        out = original.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }
  }
}

package io.packpass.core.passport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.cbor.CborException;
import io.packpass.core.testing.FuzzBudget;

/**
 * {@link Passport#decode} on any bytes: a {@link CborException} naming a path, or a passport that
 * encodes back to exactly the input and can be shown to every role.
 */
class PassportFuzzTest {

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void decodes_a_passport_that_encodes_back_to_the_input_or_rejects_with_a_cbor_exception(byte[] input) {
    Passport passport;
    try {
      passport = Passport.decode(input);
    } catch (CborException rejected) {
      assertThat(rejected.path()).startsWith("$");
      return;
    }
    assertThat(passport.encode()).isEqualTo(input);
    for (Role role : Role.values()) {
      assertThat(PassportView.forRole(passport, role).id()).isEqualTo(passport.id());
    }
  }
}

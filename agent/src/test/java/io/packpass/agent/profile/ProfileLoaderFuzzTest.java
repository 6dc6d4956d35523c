package io.packpass.agent.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.agent.FuzzBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hardware profile loader on any YAML text (libFuzzer keeps inputs to a few KiB; the loader's own
 * bound is 64 KiB): a {@link ProfileException} that names the profile, or a profile within the ranges
 * of {@code hw-profiles/README.md}. The file is named after the document's {@code id}, when it has
 * one, so that the fuzzer gets past the name check.
 */
class ProfileLoaderFuzzTest {
  private static final Pattern ID = Pattern.compile("(?m)^id:[ \\t]*([a-z0-9][a-z0-9-]{0,63})[ \\t]*$");

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void loads_a_profile_within_the_schema_or_rejects_it_with_a_profile_exception(byte[] input) {
    Matcher id = ID.matcher(new String(input, StandardCharsets.UTF_8));
    String name = id.find() ? id.group(1) : "fuzzed";
    HardwareProfile profile;
    try {
      profile = ProfileLoader.parse(name, input);
    } catch (ProfileException rejected) {
      assertThat(rejected.getMessage()).startsWith("profile " + name + ": ");
      return;
    }
    assertThat(profile.id()).isEqualTo(name);
    assertThat(profile.pack().seriesCells()).isBetween(1, ProfileLoader.MAX_SERIES_CELLS);
    assertThat(profile.pack().designCapacityAh()).isPositive();
    assertThat(profile.poll().interval()).isBetween(Duration.ofMillis(100), Duration.ofDays(1));
    profile.sbs().ifPresent(s -> assertThat(s.cellVoltageCommands()).isNotEmpty().doesNotHaveDuplicates()
        .allSatisfy(c -> assertThat(c).isBetween(0, 0xFF)));
  }
}

package io.packpass.gateway.grading;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.passport.Passport;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fresh reading against what the registry holds of the pack's chain. */
class FreshCheckTest {
  @TempDir
  Path dir;

  private static Passport folded(List<SignedUpdate> chain) {
    Optional<Passport> p = Optional.empty();
    for (SignedUpdate u : chain) {
      p = Optional.of(UpdateBody.apply(p, u.payload()));
    }
    return p.orElseThrow();
  }

  @Test
  void a_reading_the_registry_already_holds_byte_for_byte_passes_and_another_one_at_that_seq_is_a_fork() {
    TestPack pack = new TestPki(dir).pack();
    List<SignedUpdate> chain = pack.upTo(5);
    Passport held = folded(chain);
    SignedUpdate head = chain.get(5);
    assertThatCode(() -> FreshCheck.againstHistory(chain.get(4), pack.id, held, 5, head.hash(),
        head.payload().time(), Optional.of(chain.get(4).hash()))).doesNotThrowAnyException();
    SignedUpdate other = pack.forkAt(4, 9_000);
    assertThatThrownBy(() -> FreshCheck.againstHistory(other, pack.id, held, 5, head.hash(), head.payload().time(),
        Optional.of(chain.get(4).hash()))).hasMessageContaining("forked or went back");
  }

  @Test
  void the_next_reading_must_continue_the_registry_s_head_and_never_lower_a_lifetime_counter() {
    TestPack pack = new TestPki(dir).pack();
    List<SignedUpdate> chain = pack.upTo(3);
    Passport held = folded(chain);
    SignedUpdate head = chain.get(3);
    assertThatCode(() -> FreshCheck.againstHistory(pack.at(4), pack.id, held, 3, head.hash(), head.payload().time(),
        Optional.empty())).doesNotThrowAnyException();
    assertThatThrownBy(() -> FreshCheck.againstHistory(pack.at(4), pack.id, held, 3, chain.get(2).hash(),
        head.payload().time(), Optional.empty())).hasMessageContaining("another chain");
    SignedUpdate lower = pack.nextReading(SamplePassports.evReading(TestPack.timeOf(5), 9_000, 0), true);
    Passport withCycles = folded(List.of(chain.get(0), chain.get(1), chain.get(2), chain.get(3), pack.at(4)));
    Passport more = UpdateBody.apply(Optional.of(withCycles), pack.nextReading(SamplePassports.evReading(
        TestPack.timeOf(6), 9_000, 500), true).payload());
    assertThatThrownBy(() -> FreshCheck.againstHistory(lower, pack.id, more, 4, pack.at(4).hash(),
        pack.at(4).payload().time(), Optional.empty())).hasMessageContaining("went down");
  }
}

package io.packpass.core.passport;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassportViewTest {
  private final Passport full = PassportFixtures.fullEv();

  @Test
  void anonymous_readers_see_the_public_tier_only() {
    Passport view = PassportView.forRole(full, Role.ANONYMOUS);

    assertThat(view.id()).isEqualTo(full.id());
    assertThat(view.model().performance().ratedCapacityMah()).isEqualTo(214_000);
    assertThat(view.model().hazardousSubstances()).isNotEmpty();
    assertThat(view.item().manufacturingDate()).isEqualTo(full.item().manufacturingDate());
    // Annex XIII point 4: individual-battery data is never public.
    assertThat(view.condition()).isEmpty();
    assertThat(view.statusHistory()).isEmpty();
    assertThat(view.events()).isEmpty();
    assertThat(view.decisions()).isEmpty();
    assertThat(view.item().putIntoService()).isEmpty();
    assertThat(view.item().cellLayout()).isEmpty();
    // Annex XIII point 2 (legitimate interest) and point 3 (authorities) model data.
    assertThat(view.model().composition()).isEmpty();
    assertThat(view.model().dismantlingInformation()).isEmpty();
    assertThat(view.model().safetyMeasures()).isEmpty();
    assertThat(view.model().testReports()).isEmpty();
    assertThat(view.model().performance().expectedLifetimeYears()).isEmpty();
  }

  @Test
  void the_anonymous_encoding_carries_no_legitimate_interest_keys() {
    Cbor.Map encoded = (Cbor.Map) CborDecoder.decode(PassportView.forRole(full, Role.ANONYMOUS).encode());
    assertThat(encoded.entries().keySet()).containsExactlyInAnyOrder(Cbor.of(0), Cbor.of(1), Cbor.of(2), Cbor.of(3),
        Cbor.of(10));
    Cbor.Map model = (Cbor.Map) encoded.get(2).orElseThrow();
    for (long restricted : Set.of(18L, 19L, 20L, 21L, 22L)) {
      assertThat(model.get(restricted)).as("model key %d", restricted).isEmpty();
    }
  }

  @Test
  void graders_and_other_legitimate_interest_roles_see_condition_but_not_test_reports() {
    for (Role role : new Role[] {Role.GRADER, Role.DISMANTLER, Role.REPAIRER, Role.RECYCLER, Role.FLEET}) {
      Passport view = PassportView.forRole(full, role);
      assertThat(view.condition()).as(role.id()).isEqualTo(full.condition());
      assertThat(view.statusHistory()).as(role.id()).isEqualTo(full.statusHistory());
      assertThat(view.model().composition()).as(role.id()).isEqualTo(full.model().composition());
      assertThat(view.model().performance().expectedLifetimeYears()).as(role.id()).hasValue(10L);
      assertThat(view.model().testReports()).as(role.id()).isEmpty();
    }
  }

  @Test
  void authorities_see_everything() {
    assertThat(PassportView.forRole(full, Role.AUTHORITY)).isEqualTo(full);
  }
}

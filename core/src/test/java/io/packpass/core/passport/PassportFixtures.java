package io.packpass.core.passport;

import io.packpass.core.sample.SamplePassports;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Fully populated passports: every tier has something in it, so filtering can be seen. */
public final class PassportFixtures {
  public static final Instant BORN = Instant.parse("2026-03-02T08:00:00Z");
  public static final Instant LATER = Instant.parse("2026-11-20T12:00:00Z");

  private PassportFixtures() {
  }

  public static Passport fullEv() {
    Passport born = Passport.born(SamplePassports.evId(), SamplePassports.evModel(), SamplePassports.evItem(), BORN,
        "Voltaris Demo Cells GmbH");
    return new Passport(born.id(), born.model(), born.item(),
        Optional.of(SamplePassports.evReading(LATER, 9_312, 180)),
        List.of(born.statusHistory().get(0), new StatusRecord(BatteryStatus.RE_USED, LATER, "Fleet Depot Nord")),
        List.of(new NegativeEvent(EventType.DEEP_DISCHARGE, Instant.parse("2026-08-01T03:12:00Z"),
            Optional.of("pack voltage 262.1 V below the 268.8 V minimum for 41 min"))),
        List.of(new Decision(Route.REUSE, "A", List.of(new Decision.Reason("soh-band-a", "SOH 93.12 % >= 90 %")),
            "packpass-grading/2026.1", "Grader One", LATER, Optional.of(9_312L))),
        List.of(), List.of(), Optional.of(LATER));
  }
}

package io.packpass.cli.demo;

import io.packpass.agent.profile.ProfileLoader;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.sample.SamplePassports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The demo's three packs: one of each category the regulation gives a passport, each a bundled
 * simulated profile with a life of its own before the demo starts (calendar age, cycles) and an event
 * during it, so that the registry has three different stories to grade.
 */
public enum DemoPack {
  EV("ev", "sim-ev-nmc", SamplePassports.evId(), SamplePassports.evModel(), SamplePassports.evItem(),
      "3 years on the road, 450 cycles; left deeply discharged for 2 days", 1095, 450,
      span -> List.of("    - {at: " + span.dividedBy(4) + ", event: deep-discharge, duration: P2D}")),
  LMT("lmt", "sim-lmt", SamplePassports.lmtId(), SamplePassports.lmtModel(), SamplePassports.lmtItem(),
      "8 years of daily e-bike rides, 2,200 cycles; 14 h in a 70 °C car", 3000, 2200,
      span -> List.of("    - {at: " + span.dividedBy(6) + ", event: over-temperature, duration: PT14H, ambientC: 70}")),
  STATIONARY("stationary", "sim-stationary-lfp", SamplePassports.stationaryId(), SamplePassports.stationaryModel(),
      SamplePassports.stationaryItem(), "1 year of home solar storage, 250 cycles", 365, 250, span -> List.of());

  /** How often the demo's agents read their simulated BMS: often enough for the estimator's coulomb count. */
  static final Duration POLL = Duration.ofMinutes(1);

  final String key;
  final String baseProfile;
  final PassportId id;
  final Model model;
  final Item item;
  final String history;
  private final int ageDays;
  private final int cycles;
  private final Function<Duration, List<String>> events;

  DemoPack(String key, String baseProfile, PassportId id, Model model, Item item, String history, int ageDays,
      int cycles, Function<Duration, List<String>> events) {
    this.key = key;
    this.baseProfile = baseProfile;
    this.id = id;
    this.model = model;
    this.item = item;
    this.history = history;
    this.ageDays = ageDays;
    this.cycles = cycles;
    this.events = events;
  }

  String profileId() {
    return "demo-" + key;
  }

  /**
   * The bundled profile with this pack's past and its events over {@code span}: a hardware profile
   * file as an operator would write one (hw-profiles/README.md), polled every {@link #POLL}.
   */
  String profileYaml(Duration span) {
    String bundled;
    try (InputStream in = ProfileLoader.class.getResourceAsStream(ProfileLoader.RESOURCE_ROOT + baseProfile + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("bundled profile " + baseProfile + " missing from the hw-profiles jar");
      }
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    out.add("# " + baseProfile + " with a past, written by './packpass demo': " + history);
    for (String line : bundled.split("\n", -1)) {
      if (line.startsWith("id: ")) {
        out.add("id: " + profileId());
      } else if (line.startsWith("  intervalMs: ")) {
        out.add("  intervalMs: " + POLL.toMillis());
      } else if (!line.startsWith("  events:") && !line.startsWith("  #") && !line.startsWith("#")) {
        out.add(line);
      }
    }
    while (out.get(out.size() - 1).isBlank()) {
      out.remove(out.size() - 1);
    }
    out.add("  ageDays: " + ageDays);
    out.add("  cycles: " + cycles);
    List<String> scheduled = events.apply(span);
    out.add(scheduled.isEmpty() ? "  events: []" : "  events:");
    out.addAll(scheduled);
    return String.join("\n", out) + "\n";
  }
}

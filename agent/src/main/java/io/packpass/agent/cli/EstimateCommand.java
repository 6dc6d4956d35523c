package io.packpass.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.agent.AgentCommand;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bus.sim.TraceText;
import io.packpass.agent.estimate.EstimatorReport;
import io.packpass.agent.estimate.Flag;
import io.packpass.agent.estimate.History;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.core.passport.Histogram;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Quantity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent estimate}: the Annex VII values the agent derives from a pack's history. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
    description = {"Derive the Annex VII state-of-health values from a pack's history and cross-check the BMS.",
        "Either run a simulated pack (--for: months of simulated time in seconds, read through its real",
        "protocol path) or replay a recorded trace (--trace). Prints each value with its method and",
        "uncertainty, the negative events, and the flags raised against the BMS's own SOH."})
public final class EstimateCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A bundled profile id (see 'profiles') or the path of a profile YAML file.")
  String profile;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--for", paramLabel = "DURATION",
        description = "Simulated profiles: how much history to simulate, ISO-8601 such as P180D.")
    String span;

    @Option(names = "--trace", paramLabel = "FILE", description = "A recorded trace of the profile's bus (see 'replay').")
    Path trace;
  }

  @Option(names = "--every", paramLabel = "DURATION",
      description = "With --for: time between polls (default: the profile's poll interval, at least PT1M).")
  String every;

  @Option(names = "--at", paramLabel = "DURATION",
      description = "With --for, physics-model profiles: start this far into the pack's life, e.g. P365D.")
  String at;

  @Option(names = "--json", description = "Print one JSON object instead.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    HardwareProfile p = Profiles.resolve(profile);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    History history = new History(p);
    History.Result result;
    int[] badLines = {0};
    if (source.trace != null) {
      if (at != null || every != null) {
        throw new AgentException("--at and --every go with --for, not with --trace");
      }
      if (!Files.isRegularFile(source.trace)) {
        throw new AgentException("--trace " + source.trace + ": no such file");
      }
      try (Reader reader = TraceText.open(source.trace)) {
        result = history.replay(reader, bad -> {
          badLines[0]++;
          err.println(AgentCommand.PREFIX + source.trace + ": " + bad);
          err.flush();
        });
      } catch (IOException e) {
        throw new AgentException("--trace " + source.trace + ": " + e.getMessage());
      }
    } else {
      Duration span = DurationOption.parse("--for", source.span);
      Duration interval = every != null ? DurationOption.parse("--every", every)
          : max(p.poll().interval(), Duration.ofMinutes(1));
      if (interval.isZero()) {
        throw new AgentException("--every: must be longer than zero");
      }
      if (span.dividedBy(interval) > 20_000_000L) {
        throw new AgentException("--for " + source.span + " at one poll every " + interval + " is more than 20,000,000"
            + " polls; choose a longer --every");
      }
      result = history.simulate(span, interval, at == null ? Duration.ZERO : DurationOption.parse("--at", at),
          (time, polls) -> {
            err.println("simulated up to " + time + " (" + polls + " polls)");
            err.flush();
          });
    }
    if (json) {
      out.println(json(p, result));
    } else {
      text(out, p, result);
    }
    out.flush();
    return badLines[0] > 0 ? AgentCommand.BAD_LINES : 0;
  }

  // ------------------------------------------------------------------ text

  private static void text(PrintWriter out, HardwareProfile p, History.Result r) {
    out.printf("%s: %d readings from %s to %s%s%n", p.id(), r.polls(), r.first().map(Object::toString).orElse("-"),
        r.last().map(s -> s.time().toString()).orElse("-"),
        r.failedPolls() == 0 ? "" : ", " + r.failedPolls() + " polls without an answer");
    EstimatorReport report = r.report();
    out.println();
    out.println("Annex VII values (value, uncertainty, method):");
    if (report.condition().values().isEmpty()) {
      out.println("  (none yet)");
    }
    report.condition().values().forEach((q, m) -> out.printf(Locale.ROOT, "  %-48s %14s  ± %-12s %s%n", q.label(),
        value(q, m.value()), value(q, m.uncertainty()), m.method()));
    report.condition().stateOfChargeHistogram().ifPresent(h -> histogram(out, "time by state of charge", h, 100, "%"));
    report.condition().temperatureHistogram().ifPresent(h -> histogram(out, "time by temperature", h, 10, "°C"));
    out.println();
    out.println("BMS state of health cross-check:");
    r.last().flatMap(BatterySnapshot::bmsStateOfHealthCpct)
        .ifPresent(soh -> out.printf(Locale.ROOT, "  last BMS SOH %.2f %%%n", soh / 100.0));
    if (report.flags().isEmpty()) {
      out.println(report.condition().get(Quantity.STATE_OF_HEALTH).isEmpty()
          ? "  no own SOH estimate yet (it needs a full-to-empty discharge, or two rests at SoCs 40 points apart"
              + " within a week, in the history), so the BMS's SOH is not confirmed; no implausible BMS behaviour"
              + " seen"
          : "  no flag: the BMS's SOH agrees with the own estimate and behaves plausibly");
    }
    for (Flag f : report.flags()) {
      out.printf("  %s: %s%n", f.type(), f.detail());
    }
    out.println();
    out.println("Negative events: " + r.eventCount() + (r.eventCount() > r.events().size() ? " (first "
        + r.events().size() + " listed)" : ""));
    for (NegativeEvent e : r.events()) {
      out.printf("  %s  %s%s%n", e.time(), e.type().id(), e.description().map(d -> ": " + d).orElse(""));
    }
    var rej = report.rejections();
    if (!rej.absurdByField().isEmpty() || rej.gaps() > 0 || rej.clockBackwards() > 0 || rej.fieldGaps() > 0) {
      out.println();
      out.printf("Input not used: absurd values %s; %d gaps (%d min); clock set back %d times; %d channel gaps%n",
          rej.absurdByField().isEmpty() ? "none" : rej.absurdByField(), rej.gaps(), rej.gapMinutes(),
          rej.clockBackwards(), rej.fieldGaps());
    }
  }

  private static void histogram(PrintWriter out, String title, Histogram h, long divisor, String unit) {
    long total = Math.max(1, h.totalMinutes());
    StringBuilder line = new StringBuilder("  " + title + ":");
    for (int i = 0; i < h.lowerEdges().size(); i++) {
      long minutes = h.minutes().get(i);
      if (minutes > 0) {
        line.append(String.format(Locale.ROOT, " ≥%d%s %.0f%%", h.lowerEdges().get(i) / divisor, unit,
            100.0 * minutes / total));
      }
    }
    out.println(line);
  }

  /** A value in the quantity's unit, scaled for people. */
  static String value(Quantity q, long v) {
    switch (q.unit()) {
      case "cpct":
        return String.format(Locale.ROOT, "%.2f %%", v / 100.0);
      case "mAh":
        return String.format(Locale.ROOT, "%.3f Ah", v / 1000.0);
      case "Wh":
        return v >= 10_000 ? String.format(Locale.ROOT, "%.2f kWh", v / 1000.0) : v + " Wh";
      case "uOhm":
        return String.format(Locale.ROOT, "%.3f mΩ", v / 1000.0);
      case "ccycle":
        return String.format(Locale.ROOT, "%.2f", v / 100.0);
      case "min":
        return v >= 120 ? String.format(Locale.ROOT, "%.1f h", v / 60.0) : v + " min";
      case "dC":
        return String.format(Locale.ROOT, "%.1f °C", v / 10.0);
      default:
        return v + " " + q.unit();
    }
  }

  // ------------------------------------------------------------------ json

  private static String json(HardwareProfile p, History.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("profile", p.id());
    m.put("readings", r.polls());
    m.put("failedPolls", r.failedPolls());
    m.put("from", r.first().map(Object::toString).orElse(null));
    m.put("to", r.last().map(s -> s.time().toString()).orElse(null));
    Map<String, Object> values = new LinkedHashMap<>();
    r.report().condition().values().forEach((q, v) -> values.put(key(q), measured(q, v)));
    m.put("values", values);
    r.report().condition().stateOfChargeHistogram().ifPresent(h -> m.put("socHistogram", histogram(h)));
    r.report().condition().temperatureHistogram().ifPresent(h -> m.put("temperatureHistogram", histogram(h)));
    List<Object> flags = new ArrayList<>();
    for (Flag f : r.report().flags()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("type", f.type().name());
      fm.put("bmsSohCpct", f.bmsSohCpct());
      fm.put("bmsTime", f.bmsTime().toString());
      fm.put("referenceCpct", f.referenceCpct());
      fm.put("referenceTime", f.referenceTime().toString());
      fm.put("detail", f.detail());
      flags.add(fm);
    }
    m.put("flags", flags);
    List<Object> events = new ArrayList<>();
    for (NegativeEvent e : r.events()) {
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("type", e.type().id());
      em.put("time", e.time().toString());
      e.description().ifPresent(d -> em.put("description", d));
      events.add(em);
    }
    m.put("eventCount", r.eventCount());
    m.put("events", events);
    m.put("rejections", r.report().rejections());
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON of plain maps cannot fail", e);
    }
  }

  /** camelCase of the quantity's name, e.g. {@code stateOfHealth}. */
  static String key(Quantity q) {
    String[] parts = q.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }

  private static Map<String, Object> measured(Quantity q, Measured v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", v.value());
    m.put("unit", q.unit());
    m.put("uncertainty", v.uncertainty());
    m.put("method", v.method());
    m.put("time", v.time().toString());
    return m;
  }

  private static Map<String, Object> histogram(Histogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lowerEdges", h.lowerEdges());
    m.put("minutes", h.minutes());
    return m;
  }


  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}

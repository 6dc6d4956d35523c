package io.packpass.gateway.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The fleet view for people (a table) and for programs (JSON-ready maps; SOH in 1/100 %). */
public final class FleetFormat {
  private FleetFormat() {
  }

  public static String table(List<FleetRow> rows, Instant now) {
    StringBuilder out = new StringBuilder();
    String format = "%-36s %5s %8s %12s %-12s %-40s %s%n";
    out.append(String.format(Locale.ROOT, format, "PASSPORT", "SEQ", "SOH", "TREND/30d", "LAST SEEN", "FLAGS", "SYNC"));
    for (FleetRow r : rows) {
      out.append(String.format(Locale.ROOT, format, r.passport().elementString(), r.headSeq(),
          r.sohCpct().map(FleetFormat::percent).orElse("-"),
          r.trendCpctPer30Days().map(t -> (t > 0 ? "+" : "") + percent(t)).orElse("-"),
          ago(Duration.between(r.lastSeen(), now)),
          r.flags().isEmpty() ? "-" : r.flags().stream().map(FleetRow.Flag::id).sorted().collect(Collectors.joining(",")),
          sync(r)));
    }
    if (rows.isEmpty()) {
      out.append("(no packs yet)\n");
    }
    return out.toString();
  }

  private static String sync(FleetRow r) {
    if (r.syncPending() == 0 && r.syncParked() == 0) {
      return "up to date";
    }
    String pending = r.syncPending() + " pending" + r.syncLag().map(l -> " (" + ago(l) + ")").orElse("");
    return r.syncParked() == 0 ? pending : pending + ", " + r.syncParked() + " parked";
  }

  static String percent(long cpct) {
    return String.format(Locale.ROOT, "%.2f %%", cpct / 100.0);
  }

  static String ago(Duration d) {
    if (d.isNegative() || d.toSeconds() < 60) {
      return "just now";
    }
    if (d.toMinutes() < 60) {
      return d.toMinutes() + "m ago";
    }
    if (d.toHours() < 48) {
      return d.toHours() + "h ago";
    }
    return d.toDays() + "d ago";
  }

  public static List<Map<String, Object>> json(List<FleetRow> rows, Instant now) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FleetRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("passport", r.passport().elementString());
      m.put("headSeq", r.headSeq());
      r.sohCpct().ifPresent(v -> m.put("sohCpct", v));
      r.trendCpctPer30Days().ifPresent(v -> m.put("sohTrendCpctPer30Days", v));
      m.put("lastSeen", r.lastSeen().truncatedTo(ChronoUnit.SECONDS).toString());
      m.put("flags", r.flags().stream().map(FleetRow.Flag::id).sorted().toList());
      Map<String, Object> sync = new LinkedHashMap<>();
      sync.put("pending", r.syncPending());
      sync.put("parked", r.syncParked());
      r.syncLag().ifPresent(l -> sync.put("lagSeconds", l.toSeconds()));
      m.put("sync", sync);
      out.add(m);
    }
    return out;
  }
}

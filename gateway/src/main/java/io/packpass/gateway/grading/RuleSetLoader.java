package io.packpass.gateway.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Route;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a grading rule file (YAML, bounded to 64 KiB) and resolves its layers (defaults, category,
 * chemistry, category + chemistry override) for every category and chemistry, so a bad value in any
 * layer is found at load, named by file and dotted key. Unknown keys are errors.
 */
public final class RuleSetLoader {
  static final int MAX_BYTES = 64 * 1024;
  public static final String BUNDLED = "/grading/rules.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> FIELDS = Set.of("sohBands", "minHistoryReadings", "safetyEvents",
      "inspectionFindings", "cellVoltageFloorMv", "cellVoltageCautionMv", "resistanceIncreaseReuseMaxCpct",
      "resistanceIncreaseRepurposeMaxCpct", "cellResistanceIncreaseMaxCpct", "selfDischargeMaxCpctPerMonth",
      "deepDischargeReuseMax", "deepDischargeRepurposeMax", "extremeTemperatureReuseMaxMin",
      "extremeTemperatureRepurposeMaxMin", "sohUncertaintyMaxCpct", "cellSpreadMaxMv", "cellImbalanceEventsMax");

  /** The rule file shipped with the gateway. */
  public static RuleSet bundled() {
    try (InputStream in = RuleSetLoader.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new RuleSetException(BUNDLED + " is missing from the jar");
      }
      return parse("rules.yaml (bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuleSetException("cannot read the bundled rules: " + e.getMessage());
    }
  }

  public static RuleSet load(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new RuleSetException(file + ": larger than " + MAX_BYTES + " bytes, not a rule file");
      }
      return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuleSetException(file + ": cannot read it: " + e.getMessage());
    }
  }

  static RuleSet parse(String name, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RuleSetException(name + ": not valid YAML: " + e.getOriginalMessage());
    }
    Reader r = new Reader(name);
    if (root == null || !root.isObject()) {
      throw new RuleSetException(name + ": expected a mapping");
    }
    r.keys(root, "", Set.of("ruleSet", "version", "defaults", "categories", "chemistries", "overrides"));
    String ruleSet = r.text(root, "ruleSet");
    String version = r.text(root, "version");
    if ((ruleSet + "/" + version).length() > 64) {
      throw r.fail("version", "ruleSet/version must be at most 64 characters");
    }
    ObjectNode defaults = r.object(root, "defaults", true);
    ObjectNode categories = r.object(root, "categories", false);
    ObjectNode chemistries = r.object(root, "chemistries", false);
    Map<Category, ObjectNode> byCategory = new EnumMap<>(Category.class);
    for (Iterator<String> it = categories.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      byCategory.put(r.category("categories." + key, key), r.object(categories, key, "categories." + key));
    }
    Map<Chemistry, ObjectNode> byChemistry = new EnumMap<>(Chemistry.class);
    for (Iterator<String> it = chemistries.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      byChemistry.put(r.chemistry("chemistries." + key, key), r.object(chemistries, key, "chemistries." + key));
    }
    List<ObjectNode> overrides = new ArrayList<>();
    JsonNode list = root.get("overrides");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw r.fail("overrides", "expected a list");
      }
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isObject()) {
          throw r.fail("overrides[" + i + "]", "expected a mapping");
        }
        ObjectNode o = (ObjectNode) list.get(i);
        r.category("overrides[" + i + "].category", r.text(o, "category", "overrides[" + i + "].category"));
        r.chemistry("overrides[" + i + "].chemistry", r.text(o, "chemistry", "overrides[" + i + "].chemistry"));
        overrides.add(o);
      }
    }
    Map<Category, Map<Chemistry, Thresholds>> all = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      Map<Chemistry, Thresholds> per = new EnumMap<>(Chemistry.class);
      for (Chemistry chemistry : Chemistry.values()) {
        ObjectNode merged = YAML.createObjectNode();
        Map<String, String> origin = new java.util.HashMap<>();
        layer(merged, origin, defaults, "defaults");
        if (byCategory.containsKey(category)) {
          layer(merged, origin, byCategory.get(category), "categories." + categoryKey(category));
        }
        if (byChemistry.containsKey(chemistry)) {
          layer(merged, origin, byChemistry.get(chemistry), "chemistries." + chemistry.label());
        }
        for (int i = 0; i < overrides.size(); i++) {
          ObjectNode o = overrides.get(i);
          if (o.get("category").asText().equalsIgnoreCase(categoryKey(category))
              && o.get("chemistry").asText().equals(chemistry.label())) {
            ObjectNode values = o.deepCopy();
            values.remove("category");
            values.remove("chemistry");
            layer(merged, origin, values, "overrides[" + i + "]");
          }
        }
        per.put(chemistry, r.thresholds(merged, origin));
      }
      all.put(category, per);
    }
    return new RuleSet(ruleSet, version, all);
  }

  /** Lays {@code values} over {@code merged}, remembering which layer each field came from (for messages). */
  private static void layer(ObjectNode merged, Map<String, String> origin, ObjectNode values, String where) {
    merged.setAll(values);
    values.fieldNames().forEachRemaining(f -> origin.put(f, where));
  }

  static String categoryKey(Category c) {
    return c == Category.EV || c == Category.LMT ? c.name() : c.name().toLowerCase(Locale.ROOT);
  }

  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    RuleSetException fail(String key, String problem) {
      return new RuleSetException(file + ": " + key + ": " + problem);
    }

    void keys(JsonNode node, String prefix, Set<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          throw fail(prefix + k, "unknown key");
        }
      }
    }

    String text(JsonNode node, String key) {
      return text(node, key, key);
    }

    String text(JsonNode node, String key, String path) {
      JsonNode v = node.get(key);
      if (v == null || !v.isValueNode() || v.asText().isBlank()) {
        throw fail(path, "required: a non-empty string");
      }
      return v.asText();
    }

    ObjectNode object(JsonNode node, String key, boolean required) {
      return object(node, key, key, required);
    }

    ObjectNode object(JsonNode node, String key, String path) {
      return object(node, key, path, true);
    }

    private ObjectNode object(JsonNode node, String key, String path, boolean required) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        if (required) {
          throw fail(path, "required");
        }
        return YAML.createObjectNode();
      }
      if (!v.isObject()) {
        throw fail(path, "expected a mapping");
      }
      if (!path.equals("categories") && !path.equals("chemistries")) {
        keys(v, path + ".", path.startsWith("defaults") || path.contains(".") ? FIELDS : Set.of());
      }
      return (ObjectNode) v;
    }

    Category category(String path, String key) {
      for (Category c : Category.values()) {
        if (categoryKey(c).equalsIgnoreCase(key)) {
          return c;
        }
      }
      throw fail(path, "unknown category (EV, LMT, industrial, stationary)");
    }

    Chemistry chemistry(String path, String key) {
      for (Chemistry c : Chemistry.values()) {
        if (c.label().equals(key)) {
          return c;
        }
      }
      throw fail(path, "unknown chemistry (as the passport spells it, e.g. Li-ion NMC)");
    }

    Thresholds thresholds(ObjectNode n, Map<String, String> origin) {
      for (String f : FIELDS) {
        if (!n.has(f)) {
          throw fail("defaults." + f, "required (in defaults or a layer above)");
        }
      }
      java.util.function.Function<String, String> at = f -> origin.get(f);
      List<Thresholds.Band> bands = new ArrayList<>();
      JsonNode list = n.get("sohBands");
      if (!list.isArray() || list.isEmpty()) {
        throw fail(at.apply("sohBands") + ".sohBands", "expected a non-empty list of {minCpct, route, grade}");
      }
      long previous = Long.MAX_VALUE;
      for (int i = 0; i < list.size(); i++) {
        String at2 = at.apply("sohBands") + ".sohBands[" + i + "]";
        JsonNode b = list.get(i);
        if (!b.isObject()) {
          throw fail(at2, "expected {minCpct, route, grade}");
        }
        keys(b, at2 + ".", Set.of("minCpct", "route", "grade"));
        long min = number(b, "minCpct", at2, 0, 10_000);
        if (min >= previous) {
          throw fail(at2 + ".minCpct", "bands go from the best down: " + min + " is not below " + previous);
        }
        previous = min;
        Route route;
        try {
          route = Route.valueOf(text(b, "route", at2 + ".route").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw fail(at2 + ".route", "expected reuse, repurpose, remanufacture or recycle");
        }
        String grade = text(b, "grade", at2 + ".grade");
        if (!grade.matches("[A-E]")) {
          throw fail(at2 + ".grade", "grades are A (best) to E");
        }
        bands.add(new Thresholds.Band(min, route, grade));
      }
      Set<EventType> safety = new HashSet<>();
      for (String id : texts(n, "safetyEvents", at.apply("safetyEvents"))) {
        EventType found = null;
        for (EventType t : EventType.values()) {
          if (t.id().equals(id)) {
            found = t;
          }
        }
        if (found == null) {
          throw fail(at.apply("safetyEvents") + ".safetyEvents", "unknown event type '" + id + "'");
        }
        safety.add(found);
      }
      long floor = number(n, "cellVoltageFloorMv", at.apply("cellVoltageFloorMv"), 0, 10_000);
      long caution = number(n, "cellVoltageCautionMv", at.apply("cellVoltageCautionMv"), 0, 10_000);
      if (caution < floor) {
        throw fail(at.apply("cellVoltageCautionMv") + ".cellVoltageCautionMv", "must not be below cellVoltageFloorMv (" + floor + ")");
      }
      return new Thresholds(bands, (int) number(n, "minHistoryReadings", at.apply("minHistoryReadings"), 0, 1_000_000), safety,
          new HashSet<>(texts(n, "inspectionFindings", at.apply("inspectionFindings"))), floor, caution,
          number(n, "resistanceIncreaseReuseMaxCpct", at.apply("resistanceIncreaseReuseMaxCpct"), 0, 1_000_000),
          number(n, "resistanceIncreaseRepurposeMaxCpct", at.apply("resistanceIncreaseRepurposeMaxCpct"), 0, 1_000_000),
          number(n, "cellResistanceIncreaseMaxCpct", at.apply("cellResistanceIncreaseMaxCpct"), 0, 1_000_000),
          number(n, "selfDischargeMaxCpctPerMonth", at.apply("selfDischargeMaxCpctPerMonth"), 0, 10_000),
          number(n, "deepDischargeReuseMax", at.apply("deepDischargeReuseMax"), 0, 1_000_000),
          number(n, "deepDischargeRepurposeMax", at.apply("deepDischargeRepurposeMax"), 0, 1_000_000),
          number(n, "extremeTemperatureReuseMaxMin", at.apply("extremeTemperatureReuseMaxMin"), 0, 100_000_000),
          number(n, "extremeTemperatureRepurposeMaxMin", at.apply("extremeTemperatureRepurposeMaxMin"), 0, 100_000_000),
          number(n, "sohUncertaintyMaxCpct", at.apply("sohUncertaintyMaxCpct"), 0, 10_000),
          number(n, "cellSpreadMaxMv", at.apply("cellSpreadMaxMv"), 0, 10_000),
          number(n, "cellImbalanceEventsMax", at.apply("cellImbalanceEventsMax"), 0, 1_000_000));
    }

    long number(JsonNode n, String key, String where, long min, long max) {
      return number(n, key, where + "." + key, min, max, true);
    }

    private long number(JsonNode n, String key, String path, long min, long max, boolean unused) {
      JsonNode v = n.get(key);
      if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
        throw fail(path, "expected a whole number " + min + ".." + max + (v == null ? "" : ", got " + v.asText()));
      }
      return v.asLong();
    }

    List<String> texts(JsonNode n, String key, String where) {
      JsonNode v = n.get(key);
      if (v == null || !v.isArray()) {
        throw fail(where + "." + key, "expected a list");
      }
      List<String> out = new ArrayList<>();
      v.forEach(x -> out.add(x.asText()));
      return out;
    }
  }
}

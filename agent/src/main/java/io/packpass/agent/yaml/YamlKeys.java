package io.packpass.agent.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The unknown-key rule every YAML file of the agent follows (profiles, {@code agent.yaml}): a key the
 * schema does not name is an error naming it and the keys allowed there, so a typo never falls back
 * silently to a default.
 */
public final class YamlKeys {
  private YamlKeys() {
  }

  /**
   * @param prefix the dotted path of {@code node}, with a trailing dot ({@code ""} at the top)
   * @param fail makes the loader's exception from (dotted key, problem)
   */
  public static void requireKnown(JsonNode node, String prefix, BiFunction<String, String, RuntimeException> fail,
      String... allowed) {
    Set<String> known = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw fail.apply(prefix + name, "unknown key (allowed here: " + String.join(", ", Arrays.asList(allowed)) + ")");
      }
    }
  }
}

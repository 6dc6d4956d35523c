package io.packpass.provisioning.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.packpass.provisioning.ProvisioningException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Typed reading of one YAML mapping with the file and the dotted path in every error, e.g.
 * {@code model.yaml: performance.nominalVoltageV: expected a number, got "350,4"}.
 *
 * <p>Decimal values in human units (V, Ah, %) become PackPass's scaled integers (mV, mAh, cpct)
 * exactly, through {@link BigDecimal}: a value with more decimals than the unit can hold is an
 * error, never silently rounded.
 */
final class Fields {
  private final JsonNode node;
  private final String file;
  private final String path;

  private Fields(JsonNode node, String file, String path) {
    this.node = node;
    this.file = file;
    this.path = path;
  }

  static Fields root(JsonNode node, String file) {
    if (node == null || !node.isObject()) {
      throw new ProvisioningException(file + ": expected a YAML mapping at the top level");
    }
    return new Fields(node, file, "");
  }

  ProvisioningException error(String name, String message) {
    return new ProvisioningException(file + ": " + pathOf(name) + ": " + message);
  }

  private String pathOf(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Rejects keys this reader does not know: a typo must not silently drop a regulated value. */
  Fields only(String... known) {
    Set<String> allowed = Set.of(known);
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ProvisioningException(file + ": " + (path.isEmpty() ? "top level" : path) + ": unknown key(s) "
          + String.join(", ", unknown) + " (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
    }
    return this;
  }

  private Optional<JsonNode> present(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  JsonNode require(String name) {
    return present(name).orElseThrow(() -> error(name, "required"));
  }

  String text(String name, int maxLength) {
    return checkText(name, require(name), maxLength);
  }

  Optional<String> optionalText(String name, int maxLength) {
    return present(name).map(v -> checkText(name, v, maxLength));
  }

  private String checkText(String name, JsonNode value, int maxLength) {
    if (!value.isValueNode() || value.isBoolean()) {
      throw error(name, "expected text");
    }
    String text = value.asText().strip();
    if (text.isEmpty()) {
      throw error(name, "must not be empty");
    }
    if (text.length() > maxLength) {
      throw error(name, "longer than " + maxLength + " characters");
    }
    return text;
  }

  /** A decimal in a human unit, scaled by 10^scale to PackPass's integer unit. */
  long scaled(String name, int scale) {
    return toScaled(name, require(name), scale);
  }

  Optional<Long> optionalScaled(String name, int scale) {
    return present(name).map(v -> toScaled(name, v, scale));
  }

  private long toScaled(String name, JsonNode value, int scale) {
    BigDecimal decimal;
    try {
      decimal = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().strip());
    } catch (NumberFormatException e) {
      throw error(name, "expected a number, got \"" + value.asText() + "\"");
    }
    BigDecimal scaled = decimal.movePointRight(scale).stripTrailingZeros();
    if (scaled.scale() > 0) {
      throw error(name, decimal.toPlainString() + " has more than " + scale + " decimal place(s)");
    }
    try {
      return scaled.longValueExact();
    } catch (ArithmeticException e) {
      throw error(name, decimal.toPlainString() + " is out of range");
    }
  }

  Fields map(String name) {
    JsonNode value = require(name);
    if (!value.isObject()) {
      throw error(name, "expected a mapping");
    }
    return new Fields(value, file, pathOf(name));
  }

  Optional<Fields> optionalMap(String name) {
    return present(name).map(v -> {
      if (!v.isObject()) {
        throw error(name, "expected a mapping");
      }
      return new Fields(v, file, pathOf(name));
    });
  }

  /** A list of mappings (absent = empty). */
  <T> List<T> list(String name, BiFunction<Fields, Integer, T> read) {
    Optional<JsonNode> value = present(name);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      throw error(name, "expected a list");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      JsonNode element = value.get().get(i);
      String elementPath = pathOf(name) + "[" + i + "]";
      if (!element.isObject()) {
        throw new ProvisioningException(file + ": " + elementPath + ": expected a mapping");
      }
      out.add(read.apply(new Fields(element, file, elementPath), i));
    }
    return out;
  }

  /** A list of texts (absent = empty). */
  List<String> texts(String name, int maxLength) {
    Optional<JsonNode> value = present(name);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      throw error(name, "expected a list");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      out.add(checkText(name + "[" + i + "]", value.get().get(i), maxLength));
    }
    return out;
  }
}

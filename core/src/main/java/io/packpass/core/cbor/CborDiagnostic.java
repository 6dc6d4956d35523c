package io.packpass.core.cbor;

import java.util.HexFormat;

/** RFC 8949 §8 diagnostic notation, for golden vector files, logs and error messages. */
public final class CborDiagnostic {
  private CborDiagnostic() {
  }

  public static String format(Cbor item) {
    StringBuilder out = new StringBuilder();
    append(out, item);
    return out.toString();
  }

  private static void append(StringBuilder out, Cbor item) {
    if (item instanceof Cbor.Int i) {
      out.append(i.value());
    } else if (item instanceof Cbor.Bytes b) {
      out.append("h'").append(HexFormat.of().formatHex(b.unsafeValue())).append('\'');
    } else if (item instanceof Cbor.Text t) {
      appendText(out, t.value());
    } else if (item instanceof Cbor.Array a) {
      out.append('[');
      for (int i = 0; i < a.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(out, a.get(i));
      }
      out.append(']');
    } else if (item instanceof Cbor.Map m) {
      out.append('{');
      boolean first = true;
      for (var entry : m.entries().entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        append(out, entry.getKey());
        out.append(": ");
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (item instanceof Cbor.Tagged t) {
      out.append(t.tag()).append('(');
      append(out, t.content());
      out.append(')');
    } else if (item instanceof Cbor.Bool b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  private static void appendText(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}

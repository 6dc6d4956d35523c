package io.packpass.core.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict, bounded CBOR decoder for the {@link Cbor} profile.
 *
 * <p>Hand-written rather than built on Jackson's {@code CBORParser} because that parser turns
 * integer map keys into strings (so {@code 1} and {@code "1"} collide), reassembles
 * indefinite-length strings silently and does not report non-shortest encodings; a decoder that
 * guards signatures and hash chains must see all three.
 *
 * <p>Rejected, each with a {@link CborException} naming the path of the item: input larger than
 * {@link CborLimits#maxBytes()}, nesting deeper than {@link CborLimits#maxDepth()}, truncation,
 * trailing bytes, indefinite lengths, reserved additional-information values, floating point,
 * simple values other than false/true/null, integers outside the signed 64-bit range, invalid
 * UTF-8, map keys that are not integers or text, duplicate keys and, in canonical mode,
 * non-shortest arguments and keys out of bytewise order.
 */
public final class CborDecoder {
  private final byte[] in;
  private final CborLimits limits;
  private int pos;
  /** Path segments of the item being read: Cbor keys or Integer indexes; rendered on error only. */
  private final Object[] path;
  private int depth;

  private CborDecoder(byte[] in, CborLimits limits) {
    this.in = in;
    this.limits = limits;
    this.path = new Object[limits.maxDepth() + 1];
  }

  public static Cbor decode(byte[] bytes) {
    return decode(bytes, CborLimits.DEFAULT);
  }

  public static Cbor decode(byte[] bytes, CborLimits limits) {
    if (bytes.length > limits.maxBytes()) {
      throw new CborException("$", 0, "input of " + bytes.length + " bytes exceeds the limit of "
          + limits.maxBytes() + " bytes");
    }
    if (bytes.length == 0) {
      throw new CborException("$", 0, "empty input");
    }
    CborDecoder decoder = new CborDecoder(bytes, limits);
    Cbor item = decoder.readItem();
    if (decoder.pos != bytes.length) {
      throw new CborException("$", decoder.pos, (bytes.length - decoder.pos)
          + " trailing byte(s) after the top-level item");
    }
    return item;
  }

  private Cbor readItem() {
    int start = pos;
    int initial = readByte(start) & 0xff;
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info == 31) {
      throw error(start, major == 7 ? "unexpected break byte" : "indefinite-length item (the profile allows definite lengths only)");
    }
    if (info >= 28) {
      throw error(start, "reserved additional information value " + info);
    }
    if (major == 7) {
      return readSimple(start, info);
    }
    long argument = readArgument(start, info);
    switch (major) {
      case 0:
        if (argument < 0) {
          throw error(start, "unsigned integer above 2^63-1 is out of range");
        }
        return new Cbor.Int(argument);
      case 1:
        if (argument < 0) {
          throw error(start, "negative integer below -2^63 is out of range");
        }
        return new Cbor.Int(-1 - argument);
      case 2:
        return new Cbor.Bytes(readRaw(start, argument, "byte string"));
      case 3:
        return new Cbor.Text(utf8(start, readRaw(start, argument, "text string")));
      case 4:
        return readArray(start, argument);
      case 5:
        return readMap(start, argument);
      default: // 6
        return readTag(start, argument);
    }
  }

  private Cbor readSimple(int start, int info) {
    switch (info) {
      case 20:
        return Cbor.Bool.FALSE;
      case 21:
        return Cbor.Bool.TRUE;
      case 22:
        return Cbor.Null.NULL;
      case 23:
        throw error(start, "the undefined value is not allowed");
      case 25:
      case 26:
      case 27:
        throw error(start, "floating point is not allowed (use scaled integers)");
      default:
        throw error(start, "simple value " + (info == 24 ? (readByte(start + 1) & 0xff) : info) + " is not allowed");
    }
  }

  /** Reads the argument; values above 2^63-1 come back negative and are rejected by callers. */
  private long readArgument(int start, int info) {
    if (info < 24) {
      return info;
    }
    int size = 1 << (info - 24); // 24..27 -> 1, 2, 4, 8 bytes
    need(start, size);
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (in[pos++] & 0xff);
    }
    if (limits.canonical() && !isShortest(info, value)) {
      throw error(start, "integer or length " + Long.toUnsignedString(value)
          + " is not in its shortest form");
    }
    return value;
  }

  private static boolean isShortest(int info, long value) {
    switch (info) {
      case 24:
        return value >= 24;
      case 25:
        return value > 0xffL;
      case 26:
        return value > 0xffffL;
      default:
        return Long.compareUnsigned(value, 0xffffffffL) > 0;
    }
  }

  private byte[] readRaw(int start, long length, String what) {
    if (length < 0 || length > in.length - pos) {
      throw error(start, what + " of declared length " + Long.toUnsignedString(length)
          + " runs past the end of the input");
    }
    byte[] bytes = new byte[(int) length];
    System.arraycopy(in, pos, bytes, 0, bytes.length);
    pos += bytes.length;
    return bytes;
  }

  private String utf8(int start, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw error(start, "text string is not valid UTF-8");
    }
  }

  private Cbor.Array readArray(int start, long count) {
    // Every item takes at least one byte: a larger count cannot be honest, and is not allocated.
    if (count < 0 || count > in.length - pos) {
      throw error(start, "array of " + Long.toUnsignedString(count) + " items cannot fit in the remaining "
          + (in.length - pos) + " bytes");
    }
    enter(start);
    List<Cbor> items = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      path[depth] = i;
      items.add(readItem());
    }
    depth--;
    return new Cbor.Array(items);
  }

  private Cbor.Map readMap(int start, long count) {
    if (count < 0 || count > (in.length - pos) / 2) {
      throw error(start, "map of " + Long.toUnsignedString(count) + " entries cannot fit in the remaining "
          + (in.length - pos) + " bytes");
    }
    enter(start);
    LinkedHashMap<Cbor, Cbor> entries = new LinkedHashMap<>((int) (count * 4 / 3) + 1);
    Cbor previous = null;
    boolean sorted = true;
    for (int i = 0; i < count; i++) {
      int keyStart = pos;
      path[depth] = "key";
      Cbor key = readItem();
      if (!(key instanceof Cbor.Int) && !(key instanceof Cbor.Text)) {
        throw error(keyStart, "map key must be an integer or text, found " + typeName(key));
      }
      if (entries.containsKey(key)) {
        throw error(keyStart, "duplicate map key " + CborDiagnostic.format(key));
      }
      if (previous != null && Cbor.KeyOrder.compare(previous, key) > 0) {
        if (limits.canonical()) {
          throw error(keyStart, "map key " + CborDiagnostic.format(key) + " is out of deterministic order (after "
              + CborDiagnostic.format(previous) + ")");
        }
        sorted = false;
      }
      path[depth] = key;
      entries.put(key, readItem());
      previous = key;
    }
    depth--;
    return sorted ? Cbor.Map.ofCanonical(entries) : Cbor.Map.of(entries);
  }

  private Cbor.Tagged readTag(int start, long tag) {
    if (tag < 0 || tag > Integer.MAX_VALUE) {
      throw error(start, "tag number " + Long.toUnsignedString(tag) + " is above the supported 2^31-1");
    }
    enter(start);
    path[depth] = new TagSegment(tag);
    Cbor content = readItem();
    depth--;
    return new Cbor.Tagged(tag, content);
  }

  private void enter(int start) {
    if (depth + 1 > limits.maxDepth()) {
      throw error(start, "nesting deeper than the limit of " + limits.maxDepth());
    }
    depth++;
  }

  private byte readByte(int start) {
    need(start, 1);
    return in[pos++];
  }

  private void need(int start, int count) {
    if (in.length - pos < count) {
      throw error(start, "input ends inside an item (truncated)");
    }
  }

  private CborException error(int offset, String reason) {
    StringBuilder p = new StringBuilder("$");
    for (int i = 1; i <= depth; i++) {
      Object segment = path[i];
      if (segment instanceof Integer index) {
        p.append('[').append(index).append(']');
      } else if (segment instanceof TagSegment tag) {
        p.append('<').append(tag.tag).append('>');
      } else if (segment instanceof Cbor.Text text) {
        p.append('.').append(text.value());
      } else if (segment instanceof Cbor.Int key) {
        p.append('.').append(key.value());
      } else {
        p.append(".(key)");
      }
    }
    return new CborException(p.toString(), offset, reason);
  }

  static String typeName(Cbor item) {
    if (item instanceof Cbor.Int) {
      return "integer";
    } else if (item instanceof Cbor.Bytes) {
      return "byte string";
    } else if (item instanceof Cbor.Text) {
      return "text string";
    } else if (item instanceof Cbor.Array) {
      return "array";
    } else if (item instanceof Cbor.Map) {
      return "map";
    } else if (item instanceof Cbor.Tagged) {
      return "tag";
    } else if (item instanceof Cbor.Bool) {
      return "boolean";
    }
    return "null";
  }

  private record TagSegment(long tag) {
  }
}

package io.packpass.core.cbor;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Cbor} items in RFC 8949 §4.2.1 deterministic encoding, on Jackson's streaming
 * {@link CBORGenerator}: definite lengths everywhere, shortest integer and length arguments, map
 * keys in bytewise order (the order {@link Cbor.Map} already keeps). Jackson's {@code CBORMapper}
 * is not used: it writes indefinite-length maps and sorts keys as Java strings.
 */
public final class CborEncoder {
  /**
   * Jackson switches to chunked (indefinite-length) text above this many characters; the profile
   * forbids indefinite lengths, so longer text is written as pre-encoded UTF-8 instead.
   */
  private static final int DIRECT_TEXT_LIMIT = 1000;

  private static final CBORFactory FACTORY = CBORFactory.builder()
      .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
      .disable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
      .build();

  private CborEncoder() {
  }

  public static byte[] encode(Cbor item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (CBORGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, item);
    } catch (IOException e) {
      throw new UncheckedIOException("CBOR encoding into memory failed", e);
    }
    return out.toByteArray();
  }

  // Java 17 has no pattern matching in switch, hence the instanceof chain.
  private static void write(CBORGenerator g, Cbor item) throws IOException {
    if (item instanceof Cbor.Int i) {
      g.writeNumber(i.value());
    } else if (item instanceof Cbor.Bytes b) {
      g.writeBinary(b.unsafeValue());
    } else if (item instanceof Cbor.Text t) {
      writeText(g, t.value());
    } else if (item instanceof Cbor.Array a) {
      g.writeStartArray(a, a.size());
      for (Cbor element : a.items()) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (item instanceof Cbor.Map m) {
      g.writeStartObject(m, m.size());
      for (var entry : m.entries().entrySet()) {
        if (entry.getKey() instanceof Cbor.Int key) {
          g.writeFieldId(key.value());
        } else {
          g.writeFieldName(((Cbor.Text) entry.getKey()).value());
        }
        write(g, entry.getValue());
      }
      g.writeEndObject();
    } else if (item instanceof Cbor.Tagged t) {
      g.writeTag(Math.toIntExact(t.tag()));
      write(g, t.content());
    } else if (item instanceof Cbor.Bool b) {
      g.writeBoolean(b.value());
    } else {
      g.writeNull();
    }
  }

  private static void writeText(CBORGenerator g, String text) throws IOException {
    if (text.length() <= DIRECT_TEXT_LIMIT) {
      g.writeString(text);
    } else {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      g.writeUTF8String(utf8, 0, utf8.length);
    }
  }
}

package io.packpass.core.passport;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborFields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Encoding conventions shared by the passport records (see {@code docs/passport.cddl}): times are
 * integer seconds since the Unix epoch (UTC), calendar dates are RFC 3339 full-date text, lists
 * are definite arrays with a length bound, text is bounded.
 */
final class PassportCbor {
  static final int MAX_TEXT = 256;
  static final int MAX_LONG_TEXT = 4096;
  static final int MAX_URI = 2048;
  static final int MAX_LIST = 256;

  /** 0001-01-01 to 9999-12-31 as epoch seconds: anything else is not a real passport time. */
  private static final long MIN_TIME = -62135596800L;
  private static final long MAX_TIME = 253402300799L;

  private PassportCbor() {
  }

  static Cbor time(Instant time) {
    return Cbor.of(time.getEpochSecond());
  }

  static Instant time(CborFields fields, long key) {
    return Instant.ofEpochSecond(fields.requireInt(key, MIN_TIME, MAX_TIME));
  }

  static Optional<Instant> optionalTime(CborFields fields, long key) {
    return fields.optionalInt(key, MIN_TIME, MAX_TIME).map(Instant::ofEpochSecond);
  }

  static Cbor date(LocalDate date) {
    return Cbor.of(date.toString());
  }

  static LocalDate date(CborFields fields, long key) {
    return parseDate(fields.requireText(key, 10), fields.pathOf(key));
  }

  static Optional<LocalDate> optionalDate(CborFields fields, long key) {
    return fields.optionalText(key, 10).map(text -> parseDate(text, fields.pathOf(key)));
  }

  private static LocalDate parseDate(String text, String path) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CborException(path, "not a full-date (YYYY-MM-DD): '" + text + "'");
    }
  }

  static <T> Cbor list(List<T> items, Function<T, Cbor> encode) {
    return new Cbor.Array(items.stream().map(encode).toList());
  }

  static Cbor texts(List<String> items) {
    return list(items, Cbor::of);
  }

  /** Decodes an optional list (absent = empty); each element gets its own path. */
  static <T> List<T> list(CborFields fields, long key, BiFunction<Cbor, String, T> decode) {
    Optional<Cbor.Array> array = fields.optionalArray(key);
    if (array.isEmpty()) {
      return List.of();
    }
    if (array.get().size() > MAX_LIST) {
      throw new CborException(fields.pathOf(key), "list of " + array.get().size() + " items exceeds " + MAX_LIST);
    }
    List<T> out = new ArrayList<>(array.get().size());
    for (int i = 0; i < array.get().size(); i++) {
      out.add(decode.apply(array.get().get(i), fields.pathOf(key) + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  static List<String> texts(CborFields fields, long key, int maxLength) {
    return list(fields, key, (item, path) -> {
      String text = CborFields.expect(item, Cbor.Text.class, path).value();
      if (text.length() > maxLength) {
        throw new CborException(path, "text of " + text.length() + " characters exceeds " + maxLength);
      }
      return text;
    });
  }

  /** Maps an enum decode failure onto the field's path. */
  static <T> T code(CborFields fields, long key, Function<Long, T> decode) {
    long code = fields.requireInt(key);
    try {
      return decode.apply(code);
    } catch (IllegalArgumentException e) {
      throw new CborException(fields.pathOf(key), e.getMessage());
    }
  }

  /** Runs a record constructor for the decoder, turning its validation errors into path-named ones. */
  static <T> T construct(String path, java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (CborException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CborException(path, e.getMessage());
    }
  }

  static void requireText(String value, String name, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
    }
  }

  static void requireRange(long value, String name, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " = " + value + " is outside [" + min + ", " + max + "]");
    }
  }
}

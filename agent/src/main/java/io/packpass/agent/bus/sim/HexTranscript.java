package io.packpass.agent.bus.sim;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded UART or SMBus exchange as text, one frame per line (the format of {@code agent replay}
 * and {@code agent record}, documented in {@code agent/README.md}):
 *
 * <pre>
 * # JBD 4S LFP, basic info            &lt;- '#' starts a comment, to the end of the line
 * &gt; DD A5 03 00 FF FD 77                &lt;- what the agent sent
 * &lt; DD 03 00 1B 05 30 FF 06 ... 77      &lt;- what the device answered ('&lt; ' may be left out)
 * (1700000000.000000) &lt; 09 A0 41       &lt;- optional candump-style timestamp first
 * </pre>
 *
 * For SMBus the first byte of a line is the command code and the rest is what the device sent after
 * the repeated start: {@code LO HI} for a word, {@code N D1..DN} for a block, then the PEC byte when
 * the bus runs with PEC.
 *
 * <p>Parsing is bounded (line length, line count) and tolerant: a line that is not hex is reported to
 * the {@code onBadLine} callback with its number and reason and skipped; the rest is kept.
 */
public final class HexTranscript {
  /**
   * Longest line accepted. The longest a recorder writes is what the JBD driver reads for one response
   * on a noisy line, up to 1024 bytes ({@code SerialRecorder} joins them into one {@code < } line):
   * 3 characters a byte plus the timestamp, with room for a comment.
   */
  public static final int MAX_LINE_LENGTH = 4096;
  /** Most frames one transcript may hold (the whole transcript is kept in memory for replay). */
  public static final int MAX_ENTRIES = 1_000_000;

  /** Who sent a frame. */
  public enum Direction {
    /** The agent (host) sent it: a request ({@code > }). */
    SENT,
    /** The device answered it ({@code < } or no prefix). */
    RECEIVED
  }

  /**
   * One frame of the transcript.
   *
   * @param lineNumber 1-based line in the file
   * @param direction who sent it
   * @param timestamp when it was recorded, if the line says
   * @param bytes the frame
   */
  public record Entry(int lineNumber, Direction direction, Optional<Instant> timestamp, byte[] bytes) {
    public Entry {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(timestamp, "timestamp");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** Byte {@code i} of the frame, unsigned. */
    public int byteAt(int i) {
      return bytes[i] & 0xFF;
    }

    /** The frame's length in bytes. */
    public int length() {
      return bytes.length;
    }
  }

  /**
   * A recorded answer no read took, with the command it was recorded as the answer to (the request's
   * for a JBD response, which may hold line noise before its own command byte, or too few bytes to
   * have one).
   */
  public record Unasked(int command, Entry entry) {
    public Unasked {
      Objects.requireNonNull(entry, "entry");
    }
  }

  private static final Pattern TIMESTAMP = Pattern.compile("^\\((\\d{1,12})\\.(\\d{6}|\\d{9})\\)\\s*");
  private static final Pattern HEX_BYTE = Pattern.compile("[0-9A-Fa-f]{2}");

  private HexTranscript() {
  }

  /** Parses transcript text held in memory. */
  public static List<Entry> parse(String text, Consumer<BadLine> onBadLine) {
    return parse(new StringReader(text), onBadLine);
  }

  /**
   * Parses a transcript file (US-ASCII; see {@link TraceText} for other bytes).
   *
   * @throws BusException ACCESS when the file cannot be read
   */
  public static List<Entry> parse(Path file, Consumer<BadLine> onBadLine) {
    try (Reader reader = TraceText.open(file)) {
      return parse(reader, onBadLine);
    } catch (IOException e) {
      throw new BusException(Kind.ACCESS, "cannot read transcript " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a transcript from the classpath. */
  public static List<Entry> parseResource(String resource, Consumer<BadLine> onBadLine) {
    InputStream in = HexTranscript.class.getResourceAsStream(resource);
    if (in == null) {
      throw new BusException(Kind.ACCESS, "no transcript on the classpath at " + resource);
    }
    try (Reader reader = TraceText.reader(in)) {
      return parse(reader, onBadLine);
    } catch (IOException e) {
      throw new BusException(Kind.ACCESS, "cannot read transcript " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses transcript text; the reader is read to its end but not closed.
   *
   * @throws BusException MALFORMED when the transcript holds more than {@link #MAX_ENTRIES} frames
   */
  public static List<Entry> parse(Reader reader, Consumer<BadLine> onBadLine) {
    Objects.requireNonNull(onBadLine, "onBadLine");
    BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<Entry> entries = new ArrayList<>();
    int number = 0;
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.length() > MAX_LINE_LENGTH) {
          onBadLine.accept(new BadLine(number, "line longer than " + MAX_LINE_LENGTH + " characters"));
          continue;
        }
        try {
          parseLine(number, line).ifPresent(entries::add);
        } catch (IllegalArgumentException e) {
          onBadLine.accept(new BadLine(number, e.getMessage()));
        }
        if (entries.size() > MAX_ENTRIES) {
          throw new BusException(Kind.MALFORMED, "transcript holds more than " + MAX_ENTRIES + " frames; split it");
        }
      }
    } catch (IOException e) {
      throw new BusException(Kind.ACCESS, "cannot read transcript: " + e.getMessage(), e);
    }
    return entries;
  }

  /** Parses one line; empty for a blank or comment-only line. */
  static Optional<Entry> parseLine(int number, String line) {
    int hash = line.indexOf('#');
    String rest = (hash >= 0 ? line.substring(0, hash) : line).strip();
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> timestamp = Optional.empty();
    Matcher m = TIMESTAMP.matcher(rest);
    if (m.find()) {
      long seconds = Long.parseLong(m.group(1));
      String fraction = m.group(2);
      long nanos = Long.parseLong(fraction) * (fraction.length() == 6 ? 1000 : 1);
      timestamp = Optional.of(Instant.ofEpochSecond(seconds, nanos));
      rest = rest.substring(m.end());
    } else if (rest.startsWith("(")) {
      throw new IllegalArgumentException("timestamp is not (seconds.micros) or (seconds.nanos)");
    }
    Direction direction = Direction.RECEIVED;
    if (rest.startsWith(">")) {
      direction = Direction.SENT;
      rest = rest.substring(1).strip();
    } else if (rest.startsWith("<")) {
      rest = rest.substring(1).strip();
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("no bytes after the direction mark");
    }
    String[] tokens = rest.split("\\s+");
    byte[] bytes = new byte[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      if (!HEX_BYTE.matcher(tokens[i]).matches()) {
        throw new IllegalArgumentException("'" + excerpt(tokens[i]) + "' is not a byte in hex (two digits)");
      }
      bytes[i] = (byte) Integer.parseInt(tokens[i], 16);
    }
    return Optional.of(new Entry(number, direction, timestamp, bytes));
  }

  private static String excerpt(String token) {
    return token.length() <= 16 ? token : token.substring(0, 16) + "...";
  }
}

package io.packpass.agent.bus.sim;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link CanChannel} that replays a recorded {@code candump -l} / {@code candump -L} log
 * (packbus.md §5.3, format exactly as in §5.4): {@code (1700000000.000000) can0 355#58005E00}, with
 * 6-digit microseconds or ({@code -N}) 9-digit nanoseconds, a right-aligned interface name, an optional
 * {@code T}/{@code R} direction, {@code .} separators between data bytes and an optional raw-DLC suffix
 * {@code _E}. Read lazily, line by line.
 *
 * <p>A line that is not a classical data frame does not stop the replay: it is reported to the
 * {@code onBadLine} callback with its 1-based line number and the reason, and replay goes on with the
 * next line. That covers malformed lines, lines longer than the maximum length, and valid candump
 * lines this channel cannot represent (remote, error, CAN FD and CAN XL frames). Blank lines are skipped.
 *
 * <p>{@link #receive(Duration)} never waits: the log is replayed as fast as it is read, and empty means
 * the log is exhausted. The recorded timestamps are kept in {@link #next()}'s {@link LoggedFrame}.
 * Not thread-safe.
 */
public final class CandumpReplay implements CanChannel, AutoCloseable {
  /** Default bound on a line: the longest classical line candump writes is well under 100 characters. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 256;

  /** A frame as the log recorded it. */
  public record LoggedFrame(int lineNumber, Instant timestamp, String interfaceName, CanFrame frame) {
    public LoggedFrame {
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(interfaceName, "interfaceName");
      Objects.requireNonNull(frame, "frame");
    }
  }

  private static final Pattern TIMESTAMP = Pattern.compile("\\((\\d{1,19})\\.(\\d{6}|\\d{9})\\)");
  private static final Pattern HEX_ID = Pattern.compile("[0-9A-Fa-f]{3}|[0-9A-Fa-f]{8}");
  private static final int CAN_ERR_FLAG = 0x2000_0000;
  private static final int EXCERPT = 40;

  private final Reader reader;
  private final Consumer<BadLine> onBadLine;
  private final int maxLineLength;
  private int lineNumber;
  private int badLines;
  private boolean exhausted;

  /**
   * @param reader the log text; closed by {@link #close()}
   * @param onBadLine told about every line that yields no frame
   * @param maxLineLength longest line accepted; longer ones are reported and skipped
   */
  public CandumpReplay(Reader reader, Consumer<BadLine> onBadLine, int maxLineLength) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.onBadLine = Objects.requireNonNull(onBadLine, "onBadLine");
    if (maxLineLength < 1) {
      throw new IllegalArgumentException("maxLineLength must be positive, got " + maxLineLength);
    }
    this.maxLineLength = maxLineLength;
  }

  public CandumpReplay(Reader reader, Consumer<BadLine> onBadLine) {
    this(reader, onBadLine, DEFAULT_MAX_LINE_LENGTH);
  }

  /** Replays log text held in memory. */
  public static CandumpReplay ofText(String log, Consumer<BadLine> onBadLine) {
    return new CandumpReplay(new StringReader(log), onBadLine);
  }

  /** Replays a log file (US-ASCII, as candump writes it; see {@link TraceText} for other bytes). */
  public static CandumpReplay ofFile(Path log, Consumer<BadLine> onBadLine) {
    try {
      return new CandumpReplay(TraceText.open(log), onBadLine);
    } catch (IOException e) {
      throw new BusException(Kind.ACCESS, "cannot open candump log " + log + ": " + e.getMessage(), e);
    }
  }

  /** Replays a log from the classpath, e.g. {@code /candump/us5000-v1.2.log}. */
  public static CandumpReplay ofResource(String resource, Consumer<BadLine> onBadLine) {
    InputStream in = CandumpReplay.class.getResourceAsStream(resource);
    if (in == null) {
      throw new BusException(Kind.ACCESS, "no candump log on the classpath at " + resource);
    }
    return new CandumpReplay(TraceText.reader(in), onBadLine);
  }

  @Override
  public Optional<CanFrame> receive(Duration timeout) {
    return next().map(LoggedFrame::frame);
  }

  /** The next frame with its recorded timestamp, or empty when the log is exhausted. */
  public Optional<LoggedFrame> next() {
    while (!exhausted) {
      String line = readLine();
      if (line == null || line.isBlank()) {
        continue; // end of input, an over-long line already reported, or blank
      }
      try {
        return Optional.of(parse(line));
      } catch (IllegalArgumentException e) {
        badLines++;
        onBadLine.accept(new BadLine(lineNumber, e.getMessage()));
      }
    }
    return Optional.empty();
  }

  /** How many lines so far yielded no frame (each was reported to the callback). */
  public int badLineCount() {
    return badLines;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one line (LF or CRLF terminated); returns null after reporting an over-long line, whose
   * remainder is discarded unread into memory. Sets {@code exhausted} at end of input.
   */
  private String readLine() {
    StringBuilder sb = new StringBuilder();
    boolean tooLong = false;
    try {
      int c;
      while ((c = reader.read()) != -1 && c != '\n') {
        if (sb.length() < maxLineLength + 1) {
          sb.append((char) c);
        } else {
          tooLong = true;
        }
      }
      if (c == -1) {
        exhausted = true;
        if (sb.length() == 0) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new BusException(Kind.ACCESS, "cannot read candump log after line " + lineNumber + ": "
          + e.getMessage(), e);
    }
    lineNumber++;
    if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
      sb.setLength(sb.length() - 1);
    }
    if (tooLong || sb.length() > maxLineLength) {
      badLines++;
      onBadLine.accept(new BadLine(lineNumber, "line longer than " + maxLineLength + " characters"));
      return null;
    }
    return sb.toString();
  }

  /** One candump line to a frame; {@link IllegalArgumentException} with the reason otherwise. */
  private LoggedFrame parse(String line) {
    String[] tokens = line.strip().split("\\s+");
    if (tokens.length < 3) {
      throw new IllegalArgumentException("expected \"(seconds.fraction) interface frame\", got "
          + excerpt(line));
    }
    if (tokens.length > 4 || tokens.length == 4 && !tokens[3].equals("T") && !tokens[3].equals("R")) {
      throw new IllegalArgumentException("unexpected text after the frame: " + excerpt(line));
    }
    Matcher ts = TIMESTAMP.matcher(tokens[0]);
    if (!ts.matches()) {
      throw new IllegalArgumentException("bad timestamp " + excerpt(tokens[0])
          + ", expected (seconds.micros) or (seconds.nanos)");
    }
    Instant timestamp;
    try {
      long seconds = Long.parseLong(ts.group(1));
      String fraction = ts.group(2);
      long nanos = Long.parseLong(fraction) * (fraction.length() == 6 ? 1000 : 1);
      timestamp = Instant.ofEpochSecond(seconds, nanos);
    } catch (NumberFormatException | DateTimeException e) {
      throw new IllegalArgumentException("timestamp out of range: " + excerpt(tokens[0]));
    }
    return new LoggedFrame(lineNumber, timestamp, tokens[1], frame(tokens[2]));
  }

  private static CanFrame frame(String token) {
    if (token.contains("##")) {
      throw new IllegalArgumentException("CAN FD frame not supported: " + excerpt(token));
    }
    int hash = token.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("no '#' between id and data in " + excerpt(token));
    }
    if (token.indexOf('#', hash + 1) >= 0) {
      throw new IllegalArgumentException("CAN XL frame not supported: " + excerpt(token));
    }
    String idText = token.substring(0, hash);
    if (!HEX_ID.matcher(idText).matches()) {
      throw new IllegalArgumentException("bad CAN id " + excerpt(idText)
          + ", expected 3 (standard) or 8 (extended) hex digits");
    }
    int id = (int) Long.parseLong(idText, 16);
    boolean extended = idText.length() == 8;
    if (extended && (id & CAN_ERR_FLAG) != 0) {
      throw new IllegalArgumentException("error frame not supported: " + excerpt(token));
    }
    if (!extended && id > CanFrame.MAX_STANDARD_ID || extended && (id & ~CanFrame.MAX_EXTENDED_ID) != 0) {
      throw new IllegalArgumentException(String.format("CAN id %s out of range", idText));
    }
    String dataText = token.substring(hash + 1);
    if (!dataText.isEmpty() && (dataText.charAt(0) == 'R' || dataText.charAt(0) == 'r')) {
      throw new IllegalArgumentException("remote (RTR) frame not supported: " + excerpt(token));
    }
    return new CanFrame(id, extended, data(dataText, token));
  }

  /** Hex pairs with optional '.' separators, then an optional raw DLC "_9".."_F" after 8 bytes. */
  private static byte[] data(String text, String token) {
    int underscore = text.indexOf('_');
    String rawDlc = underscore < 0 ? null : text.substring(underscore + 1);
    String hex = underscore < 0 ? text : text.substring(0, underscore);
    byte[] bytes = new byte[CanFrame.MAX_DATA_LENGTH];
    int n = 0;
    int i = 0;
    while (i < hex.length()) {
      if (hex.charAt(i) == '.') {
        i++;
        continue;
      }
      if (n == CanFrame.MAX_DATA_LENGTH) {
        throw new IllegalArgumentException("more than 8 data bytes in " + excerpt(token));
      }
      if (i + 1 >= hex.length()) {
        throw new IllegalArgumentException("odd number of hex digits in the data of " + excerpt(token));
      }
      int hi = Character.digit(hex.charAt(i), 16);
      int lo = Character.digit(hex.charAt(i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not hex in the data of " + excerpt(token));
      }
      bytes[n++] = (byte) (hi << 4 | lo);
      i += 2;
    }
    if (rawDlc != null && (n != CanFrame.MAX_DATA_LENGTH || !rawDlc.matches("[9A-Fa-f]"))) {
      throw new IllegalArgumentException("raw DLC suffix only allowed as _9.._F after 8 bytes: "
          + excerpt(token));
    }
    return Arrays.copyOf(bytes, n);
  }

  private static String excerpt(String s) {
    return '"' + (s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "...") + '"';
  }
}

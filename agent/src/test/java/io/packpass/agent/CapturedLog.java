package io.packpass.agent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the agent logs while this is open: slf4j-simple writes to whatever {@code System.err} is at
 * the time, so the test sees the lines an operator would (and they are passed on to the real stderr
 * on close, for the build log).
 */
public final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream lines = new ByteArrayOutputStream();

  public CapturedLog() {
    System.setErr(new PrintStream(lines, true, StandardCharsets.UTF_8));
  }

  /** Everything logged so far. */
  public String text() {
    return lines.toString(StandardCharsets.UTF_8);
  }

  /** How many lines contain {@code fragment}. */
  public long count(String fragment) {
    return text().lines().filter(l -> l.contains(fragment)).count();
  }

  @Override
  public void close() {
    System.setErr(original);
    original.print(text());
  }
}

package io.packpass.agent.bus.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recorded traces (candump logs, hex transcripts) as text. The formats are ASCII, but a file need not
 * be: a comment written in UTF-8 ("25 °C"), line noise a terminal saved. A byte that is not ASCII
 * reads as U+FFFD, so that it makes its own line a bad line (or does nothing in a comment) instead of
 * failing the read of the whole file, as a strict decoder ({@code Files.newBufferedReader}) would.
 */
public final class TraceText {
  private TraceText() {
  }

  /** Reads {@code in} as trace text; the reader closes it. */
  public static Reader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
  }

  /** Opens a trace file. */
  public static Reader open(Path file) throws IOException {
    return reader(Files.newInputStream(file));
  }
}

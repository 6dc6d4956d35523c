package io.packpass.agent.trace;

import io.packpass.agent.bus.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link SerialLink} that passes bytes through and writes the exchange down as a hex transcript:
 * each write as a {@code > } line, and everything read until the next write (or drain) as one
 * {@code < } line, so a response that arrived in pieces is recorded as the frame it forms.
 */
public final class SerialRecorder implements SerialLink {
  private final SerialLink link;
  private final TranscriptWriter out;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  public SerialRecorder(SerialLink link, Writer out, Clock clock) {
    this.link = Objects.requireNonNull(link, "link");
    this.out = new TranscriptWriter(out, clock);
  }

  @Override
  public void write(byte[] bytes) {
    flushReceived();
    out.frame(true, bytes);
    link.write(bytes);
  }

  @Override
  public int read(byte[] buffer, int offset, int length, Duration timeout) {
    int n = link.read(buffer, offset, length, timeout);
    received.write(buffer, offset, n);
    return n;
  }

  @Override
  public void drain() {
    flushReceived();
    link.drain();
  }

  /** Writes what was received since the last write and flushes the transcript. */
  public void flush() {
    flushReceived();
    out.flush();
  }

  /** Writes a comment line (e.g. a poll boundary). */
  public void comment(String text) {
    flushReceived();
    out.comment(text);
  }

  private void flushReceived() {
    if (received.size() > 0) {
      out.frame(false, received.toByteArray());
      received.reset();
    }
  }
}

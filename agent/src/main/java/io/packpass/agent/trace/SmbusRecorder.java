package io.packpass.agent.trace;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.SmbusDevice;
import java.io.Writer;
import java.time.Clock;
import java.util.Objects;

/**
 * An {@link SmbusDevice} that passes every read through and writes it down as a hex transcript line
 * ({@code <cmd> LO HI} for a word, {@code <cmd> N D1..DN} for a block). Recorded after the adapter
 * has checked the PEC, so a recording carries no PEC bytes; a failed read becomes a comment.
 */
public final class SmbusRecorder implements SmbusDevice {
  private final SmbusDevice device;
  private final TranscriptWriter out;

  public SmbusRecorder(SmbusDevice device, Writer out, Clock clock) {
    this.device = Objects.requireNonNull(device, "device");
    this.out = new TranscriptWriter(out, clock);
  }

  @Override
  public int readWord(int command) {
    try {
      int word = device.readWord(command);
      out.answer(command, new byte[] {(byte) word, (byte) (word >> 8)});
      return word;
    } catch (BusException e) {
      out.failure(String.format("read word 0x%02X", command), e);
      throw e;
    }
  }

  @Override
  public byte[] readBlock(int command) {
    try {
      byte[] data = device.readBlock(command);
      byte[] wire = new byte[data.length + 1];
      wire[0] = (byte) data.length;
      System.arraycopy(data, 0, wire, 1, data.length);
      out.answer(command, wire);
      return data;
    } catch (BusException e) {
      out.failure(String.format("block read 0x%02X", command), e);
      throw e;
    }
  }

  /** Writes a comment line (e.g. a poll boundary). */
  public void comment(String text) {
    out.comment(text);
  }

  /** Flushes the transcript. */
  public void flush() {
    out.flush();
  }
}

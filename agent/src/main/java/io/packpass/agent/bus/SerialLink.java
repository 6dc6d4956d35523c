package io.packpass.agent.bus;

import java.time.Duration;

/**
 * A byte stream to one device over a UART (RS232/RS485/TTL), the port JBD-style BMS drivers talk
 * through. Adapters (jSerialComm) and simulators ({@code agent.bus.sim}) implement it; drivers never
 * see a library type. Failures are {@link BusException}s, never {@code IOException}.
 */
public interface SerialLink {

  /** Writes all of {@code bytes} to the line. */
  void write(byte[] bytes);

  /**
   * Reads up to {@code length} bytes into {@code buffer} starting at {@code offset}, waiting at most
   * {@code timeout} for the first byte to arrive. May return fewer bytes than asked for (a frame can
   * arrive in pieces).
   *
   * @return the number of bytes read, 0 if none arrived within the timeout
   */
  int read(byte[] buffer, int offset, int length, Duration timeout);

  /** Discards whatever has arrived and not been read yet (stale or unsolicited bytes). */
  void drain();
}

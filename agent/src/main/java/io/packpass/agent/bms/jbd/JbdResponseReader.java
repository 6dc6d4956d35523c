package io.packpass.agent.bms.jbd;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import io.packpass.agent.bus.SerialLink;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reassembles one JBD response from a byte stream that may arrive in pieces or after line noise.
 * A candidate frame starts at {@code DD} followed by the expected command; a candidate that fails
 * validation is remembered and the search goes on one byte later, so garbage that happens to contain
 * {@code DD} (even with a huge length byte after it) cannot hide a good frame behind it. The wait ends when the line stays silent for
 * {@code timeout} (an inter-byte timeout, so no clock is needed) or after {@code maxBytes} bytes.
 */
final class JbdResponseReader {
  private final SerialLink link;
  private final Duration timeout;
  private final int maxBytes;

  JbdResponseReader(SerialLink link, Duration timeout, int maxBytes) {
    this.link = Objects.requireNonNull(link, "link");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (maxBytes < JbdFrame.OVERHEAD + 0xFF) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " is below one maximal frame (262)");
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Reads until a valid response to {@code command} arrives.
   *
   * @throws BusException TIMEOUT if nothing resembling a response arrived; otherwise the first problem
   *     met: MALFORMED for a frame that stopped short or failed validation (or no frame within
   *     {@code maxBytes}), BAD_CHECKSUM for a checksum mismatch
   */
  JbdFrame.Response read(int command) {
    byte[] buf = new byte[maxBytes];
    int len = 0;
    int received = 0;
    boolean quiet = false; // the line went silent: no more bytes, only what is buffered
    BusException firstError = null;
    while (true) {
      // Drop everything before a plausible start: DD followed by the command (or DD as last byte).
      int start = findStart(buf, len, command);
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, len - start);
        len -= start;
      }
      if (len >= 4) {
        int total = (buf[3] & 0xFF) + JbdFrame.OVERHEAD;
        if (len >= total) {
          try {
            return JbdFrame.decodeResponse(Arrays.copyOf(buf, total), command);
          } catch (BusException e) {
            firstError = firstError == null ? e : firstError;
            System.arraycopy(buf, 1, buf, 0, len - 1); // resynchronise one byte later
            len -= 1;
            continue;
          }
        }
      }
      if (quiet) {
        if (len == 0) {
          throw firstError != null ? firstError
              : new BusException(Kind.TIMEOUT, String.format("no JBD response to 0x%02X within %d ms", command,
                  timeout.toMillis()));
        }
        // An incomplete candidate: remember it, then look for a complete frame starting inside it.
        String expected = len >= 4 ? String.valueOf((buf[3] & 0xFF) + JbdFrame.OVERHEAD) : "at least 7";
        BusException truncated = new BusException(Kind.MALFORMED, String.format("JBD response to 0x%02X"
            + " truncated: %d of %s bytes before %d ms of silence", command, len, expected, timeout.toMillis()));
        firstError = firstError == null ? truncated : firstError;
        System.arraycopy(buf, 1, buf, 0, len - 1);
        len -= 1;
        continue;
      }
      if (received >= maxBytes) {
        throw firstError != null ? firstError
            : new BusException(Kind.MALFORMED, String.format("no JBD response to 0x%02X in %d bytes", command,
                received));
      }
      int n = link.read(buf, len, Math.min(buf.length - len, maxBytes - received), timeout);
      if (n == 0) {
        quiet = true;
      }
      len += n;
      received += n;
    }
  }

  private static int findStart(byte[] buf, int len, int command) {
    for (int i = 0; i < len; i++) {
      if ((buf[i] & 0xFF) == JbdFrame.START && (i + 1 == len || (buf[i + 1] & 0xFF) == command)) {
        return i;
      }
    }
    return len;
  }
}

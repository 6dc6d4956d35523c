package io.packpass.agent.bms.jbd;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.BusException.Kind;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * JBD / Xiaoxiang ("LLT") UART frames (packbus.md §2.2). A request is {@code DD A5 cmd N data chk chk 77},
 * a response {@code DD cmd status N payload chk chk 77}; the checksum is {@code 0x10000 − Σ bytes[2 .. 4+N)}
 * big-endian, so for a response it covers status, length and payload but <b>not</b> the echoed command
 * byte at offset 1.
 */
public final class JbdFrame {
  /** First byte of every frame. */
  public static final int START = 0xDD;
  /** Last byte of every frame. */
  public static final int END = 0x77;
  /** Request marker for a read (offset 1 of a request). */
  public static final int READ = 0xA5;
  /** Request marker for a write (offset 1 of a request). */
  public static final int WRITE = 0x5A;
  /** Response status: the command succeeded. */
  public static final int STATUS_OK = 0x00;
  /** Response status: the BMS refused or failed the command. */
  public static final int STATUS_ERROR = 0x80;
  /** Basic information (§2.3). */
  public static final int CMD_BASIC_INFO = 0x03;
  /** Cell voltages (§2.5). */
  public static final int CMD_CELL_VOLTAGES = 0x04;
  /** Hardware version / model name (§2.6). */
  public static final int CMD_HARDWARE_VERSION = 0x05;
  /** Bytes a frame has besides its data: start, marker/command, command/status, length, 2 checksum, end. */
  public static final int OVERHEAD = 7;

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private JbdFrame() {}

  /** A decoded response: the echoed command, whether the status was OK, and the payload. */
  public record Response(int command, int status, byte[] payload) {
    public Response {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /** Whether the BMS reported success (status 0x00). */
    public boolean ok() {
      return status == STATUS_OK;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Response r && r.command == command && r.status == status
          && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * command + status) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return String.format("Response[command=0x%02X, status=0x%02X, payload=%s]", command, status,
          HEX.formatHex(payload));
    }
  }

  /** The read request for {@code command}, e.g. {@code DD A5 03 00 FF FD 77} for 0x03. */
  public static byte[] readRequest(int command) {
    return request(READ, command, new byte[0]);
  }

  /** A request frame with marker {@link #READ} or {@link #WRITE}, a register/command code and data. */
  public static byte[] request(int marker, int command, byte[] data) {
    if (marker != READ && marker != WRITE) {
      throw new IllegalArgumentException(String.format("marker 0x%02X is neither read 0xA5 nor write 0x5A", marker));
    }
    return frame(marker, command, data);
  }

  /** A response frame as a BMS sends it (used by tests and simulators that want the reference encoding). */
  public static byte[] response(int command, int status, byte[] payload) {
    return frame(command, status, payload);
  }

  private static byte[] frame(int second, int third, byte[] data) {
    checkByte("second byte", second);
    checkByte("third byte", third);
    if (data.length > 0xFF) {
      throw new IllegalArgumentException("data of " + data.length + " bytes does not fit the 1-byte length field");
    }
    byte[] f = new byte[data.length + OVERHEAD];
    f[0] = (byte) START;
    f[1] = (byte) second;
    f[2] = (byte) third;
    f[3] = (byte) data.length;
    System.arraycopy(data, 0, f, 4, data.length);
    int sum = checksum(f, 2, 4 + data.length);
    f[4 + data.length] = (byte) (sum >> 8);
    f[5 + data.length] = (byte) sum;
    f[6 + data.length] = (byte) END;
    return f;
  }

  private static void checkByte(String what, int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(what + " " + value + " is not a byte");
    }
  }

  /** {@code (0x10000 − Σ bytes[from .. to)) & 0xFFFF}, the JBD checksum over that range. */
  public static int checksum(byte[] bytes, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      sum += bytes[i] & 0xFF;
    }
    return (0x10000 - sum) & 0xFFFF;
  }

  /**
   * Decodes one complete response frame and checks it strictly: start byte, echoed command, status
   * 0x00 or 0x80, length field against the frame size, end byte, then checksum.
   *
   * @throws BusException {@link Kind#MALFORMED} or {@link Kind#BAD_CHECKSUM}, naming the offending byte
   */
  public static Response decodeResponse(byte[] frame, int expectedCommand) {
    if (frame.length < OVERHEAD) {
      throw malformed(frame, "frame of " + frame.length + " bytes is shorter than the 7-byte minimum");
    }
    int start = frame[0] & 0xFF;
    if (start != START) {
      throw malformed(frame, String.format("byte 0 is 0x%02X, not the start byte 0xDD", start));
    }
    int command = frame[1] & 0xFF;
    if (command != expectedCommand) {
      throw malformed(frame, String.format("byte 1 echoes command 0x%02X, expected 0x%02X", command,
          expectedCommand));
    }
    int status = frame[2] & 0xFF;
    if (status != STATUS_OK && status != STATUS_ERROR) {
      throw malformed(frame, String.format("byte 2 (status) is 0x%02X, neither 0x00 (ok) nor 0x80 (error)", status));
    }
    int length = frame[3] & 0xFF;
    if (frame.length != length + OVERHEAD) {
      throw malformed(frame, String.format("byte 3 (length) says %d payload bytes, so %d frame bytes, but the frame"
          + " has %d", length, length + OVERHEAD, frame.length));
    }
    int end = frame[length + 6] & 0xFF;
    if (end != END) {
      throw malformed(frame, String.format("byte %d is 0x%02X, not the end byte 0x77", length + 6, end));
    }
    int expected = checksum(frame, 2, 4 + length);
    int actual = ((frame[4 + length] & 0xFF) << 8) | (frame[5 + length] & 0xFF);
    if (actual != expected) {
      throw new BusException(Kind.BAD_CHECKSUM, String.format("JBD response to 0x%02X: bytes %d-%d (checksum) are"
          + " 0x%04X, expected 0x%04X = 0x10000 - sum of status, length and payload: %s", expectedCommand,
          4 + length, 5 + length, actual, expected, HEX.formatHex(frame)));
    }
    return new Response(command, status, Arrays.copyOfRange(frame, 4, 4 + length));
  }

  private static BusException malformed(byte[] frame, String reason) {
    return new BusException(Kind.MALFORMED, "JBD response: " + reason + ": " + HEX.formatHex(frame));
  }
}

package io.packpass.agent.bus.sim;

import io.packpass.agent.bus.SerialLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JBD / Xiaoxiang BMS on the other end of a UART (packbus.md §2): it parses read requests
 * {@code DD A5 cmd 00 chk chk 77} from the bytes the host writes and answers 0x03, 0x04 and 0x05 from a
 * settable {@link State}. Faults can be injected per command; delivery can be split into small chunks
 * and preceded by line noise.
 *
 * <p>Byte-stream based so that it can sit on a real serial port later: feed host bytes to
 * {@link #receive(byte[])} and send what {@link #takeOutput()} returns. {@link #link()} wires it as an
 * in-memory {@link SerialLink}. The frame encoding here is deliberately written separately from the
 * driver's {@code JbdFrame}, so a shared mistake cannot make both sides agree on wrong bytes.
 *
 * <p>Not thread-safe: one host, one poll at a time.
 */
public final class JbdUartPeer {

  /** Commands this peer answers. */
  public enum Command {
    BASIC_INFO(0x03), CELL_VOLTAGES(0x04), HARDWARE_VERSION(0x05);

    private final int code;

    Command(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Command of(int code) {
      for (Command c : values()) {
        if (c.code == code) {
          return c;
        }
      }
      return null;
    }
  }

  /** What goes wrong with the answer to a command. */
  public enum Fault {
    /** Answer normally. */
    NONE,
    /** Answer with the checksum's low byte flipped. */
    BAD_CHECKSUM,
    /** Answer with only the first half of the frame. */
    TRUNCATED,
    /** Do not answer. */
    SILENCE,
    /** Answer with status 0x80 and no payload, as a BMS refusing the command. */
    ERROR_STATUS
  }

  /**
   * The BMS's state in its own wire units.
   *
   * @param voltage10mV total voltage, 10 mV
   * @param current10mA current, 10 mA, + = charging
   * @param remaining10mAh residual capacity, 10 mAh
   * @param nominal10mAh nominal capacity, 10 mAh
   * @param cycles cycle count
   * @param productionDate packed date (day | month &lt;&lt; 5 | (year − 2000) &lt;&lt; 9)
   * @param balanceLow balance bits cells 1–16
   * @param balanceHigh balance bits cells 17–32
   * @param protection protection bitmap (§2.4)
   * @param version software version byte
   * @param rsocPercent state of charge, %
   * @param fetStatus bit 0 charge MOS, bit 1 discharge MOS
   * @param cellsMv cell voltages, mV (their count is the cell count)
   * @param temperaturesDeciKelvin NTC readings, 0.1 K
   * @param model the 0x05 model string
   */
  public record State(int voltage10mV, int current10mA, int remaining10mAh, int nominal10mAh, int cycles,
      int productionDate, int balanceLow, int balanceHigh, int protection, int version, int rsocPercent,
      int fetStatus, List<Integer> cellsMv, List<Integer> temperaturesDeciKelvin, String model) {
    public State {
      cellsMv = List.copyOf(cellsMv);
      temperaturesDeciKelvin = List.copyOf(temperaturesDeciKelvin);
      Objects.requireNonNull(model, "model");
    }

    /** The worked example of packbus.md §2.8: 4S LiFePO₄ 100 Ah, 13.28 V, −2.50 A, 65 %, 2023-06-15. */
    public static State workedExample() {
      return new State(1328, -250, 6543, 10000, 123, 0x2ECF, 0, 0, 0, 0x21, 65, 0x03,
          List.of(3320, 3318, 3322, 3321), List.of(2981, 2965), "JBD-SP04S034");
    }

    public State withProtection(int bits) {
      return new State(voltage10mV, current10mA, remaining10mAh, nominal10mAh, cycles, productionDate, balanceLow,
          balanceHigh, bits, version, rsocPercent, fetStatus, cellsMv, temperaturesDeciKelvin, model);
    }

    public State withCapacities(int remaining, int nominal) {
      return new State(voltage10mV, current10mA, remaining, nominal, cycles, productionDate, balanceLow,
          balanceHigh, protection, version, rsocPercent, fetStatus, cellsMv, temperaturesDeciKelvin, model);
    }

    public State withCurrent(int current) {
      return new State(voltage10mV, current, remaining10mAh, nominal10mAh, cycles, productionDate, balanceLow,
          balanceHigh, protection, version, rsocPercent, fetStatus, cellsMv, temperaturesDeciKelvin, model);
    }
  }

  private State state;
  private final Map<Command, Fault> faults = new EnumMap<>(Command.class);
  private final Map<Command, Integer> requests = new EnumMap<>(Command.class);
  private final ByteArrayOutputStream input = new ByteArrayOutputStream();
  private final ArrayDeque<Byte> output = new ArrayDeque<>();
  private byte[] leadingGarbage = new byte[0];
  private int chunkSize = Integer.MAX_VALUE;

  public JbdUartPeer(State state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /** A peer answering with the §2.8 worked example. */
  public static JbdUartPeer workedExample() {
    return new JbdUartPeer(State.workedExample());
  }

  public State state() {
    return state;
  }

  public void setState(State state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /** Makes every answer to {@code command} go wrong in this way until changed. */
  public void inject(Command command, Fault fault) {
    faults.put(command, Objects.requireNonNull(fault, "fault"));
  }

  /** Makes every command answer with {@code fault}. */
  public void injectAll(Fault fault) {
    for (Command c : Command.values()) {
      inject(c, fault);
    }
  }

  /** Bytes written before every answer (line noise). */
  public void setLeadingGarbage(byte[] garbage) {
    this.leadingGarbage = garbage.clone();
  }

  /** Delivers at most {@code size} bytes per read of {@link #link()}. */
  public void setChunkSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
    }
    this.chunkSize = size;
  }

  /** How many well-formed requests for {@code command} arrived. */
  public int requestCount(Command command) {
    return requests.getOrDefault(command, 0);
  }

  /**
   * Takes bytes the host wrote; each complete, valid read request queues its answer. Bytes that do not
   * form a valid read request are skipped, as a device resynchronising on {@code DD A5} would.
   */
  public void receive(byte[] bytes) {
    input.write(bytes, 0, bytes.length);
    byte[] in = input.toByteArray();
    int i = 0;
    while (i < in.length) {
      // A request starts with DD A5 (read); anything else is noise, including writes (DD 5A), unsupported here.
      if ((in[i] & 0xFF) != 0xDD || (i + 1 < in.length && (in[i + 1] & 0xFF) != 0xA5)) {
        i++;
        continue;
      }
      if (in.length - i < 7) {
        break; // wait for the rest
      }
      int len = in[i + 3] & 0xFF;
      if (in.length - i < len + 7) {
        break;
      }
      byte[] frame = Arrays.copyOfRange(in, i, i + len + 7);
      if (isValidReadRequest(frame)) {
        answer(frame[2] & 0xFF);
        i += frame.length;
      } else {
        i++;
      }
    }
    input.reset();
    input.write(in, i, in.length - i);
  }

  /** Everything queued for the host, at once (an adapter on a real port writes it out). */
  public byte[] takeOutput() {
    byte[] out = new byte[output.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = output.poll();
    }
    return out;
  }

  /** An in-memory serial line to this peer: writes go to {@link #receive}, reads honour the chunk size. */
  public SerialLink link() {
    return new SerialLink() {
      @Override
      public void write(byte[] bytes) {
        receive(bytes);
      }

      @Override
      public int read(byte[] buffer, int offset, int length, Duration timeout) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        int n = Math.min(Math.min(length, chunkSize), output.size());
        for (int i = 0; i < n; i++) {
          buffer[offset + i] = output.poll();
        }
        return n; // the peer answers synchronously: nothing queued means nothing will come
      }

      @Override
      public void drain() {
        output.clear();
      }
    };
  }

  private static boolean isValidReadRequest(byte[] f) {
    int len = f[3] & 0xFF;
    return (f[1] & 0xFF) == 0xA5 && (f[f.length - 1] & 0xFF) == 0x77
        && (((f[4 + len] & 0xFF) << 8) | (f[5 + len] & 0xFF)) == checksum(f, 2, 4 + len);
  }

  private void answer(int code) {
    Command command = Command.of(code);
    if (command == null) {
      return; // a real BMS ignores commands it does not know
    }
    requests.merge(command, 1, Integer::sum);
    Fault fault = faults.getOrDefault(command, Fault.NONE);
    if (fault == Fault.SILENCE) {
      return;
    }
    byte[] frame = fault == Fault.ERROR_STATUS ? frame(code, 0x80, new byte[0]) : frame(code, 0x00, payload(command));
    if (fault == Fault.BAD_CHECKSUM) {
      frame[frame.length - 2] ^= 0x01;
    } else if (fault == Fault.TRUNCATED) {
      frame = Arrays.copyOf(frame, frame.length / 2);
    }
    for (byte b : leadingGarbage) {
      output.add(b);
    }
    for (byte b : frame) {
      output.add(b);
    }
  }

  /** The payload the BMS sends for {@code command} in its current state. */
  public byte[] payload(Command command) {
    var out = new ByteArrayOutputStream();
    switch (command) {
      case BASIC_INFO -> {
        u16(out, state.voltage10mV());
        u16(out, state.current10mA());
        u16(out, state.remaining10mAh());
        u16(out, state.nominal10mAh());
        u16(out, state.cycles());
        u16(out, state.productionDate());
        u16(out, state.balanceLow());
        u16(out, state.balanceHigh());
        u16(out, state.protection());
        out.write(state.version());
        out.write(state.rsocPercent());
        out.write(state.fetStatus());
        out.write(state.cellsMv().size());
        out.write(state.temperaturesDeciKelvin().size());
        state.temperaturesDeciKelvin().forEach(t -> u16(out, t));
      }
      case CELL_VOLTAGES -> state.cellsMv().forEach(v -> u16(out, v));
      case HARDWARE_VERSION -> out.writeBytes(state.model().getBytes(StandardCharsets.US_ASCII));
      default -> throw new IllegalStateException("unhandled " + command);
    }
    return out.toByteArray();
  }

  /** The complete response frame for {@code command} in the current state, without faults. */
  public byte[] responseFrame(Command command) {
    return frame(command.code(), 0x00, payload(command));
  }

  private static byte[] frame(int command, int status, byte[] payload) {
    byte[] f = new byte[payload.length + 7];
    f[0] = (byte) 0xDD;
    f[1] = (byte) command;
    f[2] = (byte) status;
    f[3] = (byte) payload.length;
    System.arraycopy(payload, 0, f, 4, payload.length);
    int sum = checksum(f, 2, 4 + payload.length); // status, length, payload: not the command at [1]
    f[4 + payload.length] = (byte) (sum >> 8);
    f[5 + payload.length] = (byte) sum;
    f[6 + payload.length] = (byte) 0x77;
    return f;
  }

  private static int checksum(byte[] f, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      sum += f[i] & 0xFF;
    }
    return (0x10000 - sum) & 0xFFFF;
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xFF);
    out.write(v & 0xFF);
  }
}

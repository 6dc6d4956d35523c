package io.packpass.agent.bus;

import io.packpass.agent.bus.BusException.Kind;
import java.util.Objects;

/**
 * An {@link SmbusDevice} whose answers are fuzzer data, decoded by {@link SmbusWire} exactly as the
 * real adapter decodes the wire. Each read takes one op byte, then:
 * <ul>
 *   <li>op % 8 = 0..3: an answer of the right shape: a word takes 2 bytes {@code LO HI}; a block takes
 *       a count byte N (any value: above 32 or beyond the input is what the wire checks must catch)
 *       and up to N data bytes;</li>
 *   <li>4: a wire of any length, a length byte L (0..63) then L bytes;</li>
 *   <li>5, 6, 7: the read fails with NACK, TIMEOUT or BAD_PEC, as the adapter reports them.</li>
 * </ul>
 * When the input is used up every read NACKs: the device is gone.
 */
public final class FuzzedSmbusDevice implements SmbusDevice {
  private final int address;
  private FuzzBytes in = new FuzzBytes(new byte[0]);
  private int answered;

  public FuzzedSmbusDevice(int address) {
    this.address = address;
  }

  /** Starts a new poll on {@code input}. */
  public void answerFrom(FuzzBytes input) {
    in = Objects.requireNonNull(input, "input");
    answered = 0;
  }

  /** How many reads since {@link #answerFrom} returned a value. */
  public int answered() {
    return answered;
  }

  @Override
  public int readWord(int command) {
    int word = SmbusWire.word(address, command, wire(command, false), false);
    answered++;
    return word;
  }

  @Override
  public byte[] readBlock(int command) {
    byte[] block = SmbusWire.block(address, command, wire(command, true), false);
    answered++;
    return block;
  }

  private byte[] wire(int command, boolean block) {
    if (in.exhausted()) {
      throw new BusException(Kind.NACK, String.format("0x%02X: no answer (input used up)", command));
    }
    int op = in.u8() % 8;
    switch (op) {
      case 4:
        return in.bytes(in.u8() % 64);
      case 5:
        throw new BusException(Kind.NACK, String.format("0x%02X: NACK", command));
      case 6:
        throw new BusException(Kind.TIMEOUT, String.format("0x%02X: timeout", command));
      case 7:
        throw new BusException(Kind.BAD_PEC, String.format("0x%02X: PEC mismatch", command));
      default:
        if (!block) {
          return in.bytes(2);
        }
        int count = in.u8();
        byte[] data = in.bytes(count);
        byte[] wire = new byte[1 + data.length];
        wire[0] = (byte) count;
        System.arraycopy(data, 0, wire, 1, data.length);
        return wire;
    }
  }
}

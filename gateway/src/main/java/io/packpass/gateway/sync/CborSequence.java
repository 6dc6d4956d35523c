package io.packpass.gateway.sync;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CBOR sequence (RFC 8742): CBOR data items one after the other, nothing between them. A sync
 * batch is one, each item a COSE_Sign1. Splitting only finds where each item ends (from the heads
 * of its data items, iteratively, so nesting cannot exhaust the stack); each item is then parsed
 * strictly and on its own by core, so a bad item is rejected alone. Indefinite lengths are refused
 * here already (core's profile forbids them anyway, and they would make the end unknowable cheaply).
 *
 * <p>Candidate for core's {@code cbor} package when another module needs sequences.
 */
public final class CborSequence {
  private CborSequence() {
  }

  public static byte[] join(List<byte[]> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] item : items) {
      out.writeBytes(item);
    }
    return out.toByteArray();
  }

  /**
   * @throws SyncFormatException when an item is truncated or uses an indefinite length, there are
   *     more than {@code maxItems} items, or one is larger than {@code maxItemBytes}
   */
  public static List<byte[]> split(byte[] sequence, int maxItems, int maxItemBytes) {
    List<byte[]> items = new ArrayList<>();
    int pos = 0;
    while (pos < sequence.length) {
      if (items.size() == maxItems) {
        throw new SyncFormatException("more than " + maxItems + " items in one batch", true);
      }
      int end = endOfItem(sequence, pos, items.size());
      if (end - pos > maxItemBytes) {
        throw new SyncFormatException("item " + items.size() + " is " + (end - pos) + " bytes, more than the "
            + maxItemBytes + " allowed", true);
      }
      items.add(Arrays.copyOfRange(sequence, pos, end));
      pos = end;
    }
    return items;
  }

  private static int endOfItem(byte[] in, int start, int index) {
    int pos = start;
    long pending = 1; // data items still to read before this sequence item ends
    while (pending > 0) {
      if (pos >= in.length) {
        throw new SyncFormatException("item " + index + " is truncated at byte " + pos);
      }
      int initial = in[pos++] & 0xff;
      int major = initial >>> 5;
      int info = initial & 0x1f;
      pending--;
      if (info == 31) {
        throw new SyncFormatException("item " + index + ": indefinite-length data item at byte " + (pos - 1));
      }
      if (info >= 28) {
        throw new SyncFormatException("item " + index + ": reserved additional information at byte " + (pos - 1));
      }
      int size = info < 24 ? 0 : 1 << (info - 24);
      if (pos + size > in.length) {
        throw new SyncFormatException("item " + index + " is truncated at byte " + pos);
      }
      long argument = info < 24 ? info : 0;
      for (int i = 0; i < size; i++) {
        argument = (argument << 8) | (in[pos++] & 0xff);
      }
      long remaining = in.length - pos;
      switch (major) {
        case 2:
        case 3:
          if (argument < 0 || argument > remaining) {
            throw new SyncFormatException("item " + index + " is truncated: a string of " + argument + " bytes at byte "
                + pos);
          }
          pos += (int) argument;
          break;
        case 4:
        case 5: {
          long children = major == 4 ? argument : 2 * argument;
          // every data item takes at least a byte, so more children than bytes left cannot be real
          if (argument < 0 || children < 0 || children > remaining) {
            throw new SyncFormatException("item " + index + " is truncated: " + children + " data items announced at byte "
                + pos);
          }
          pending += children;
          break;
        }
        case 6:
          pending++;
          break;
        default: // 0, 1: integers; 7: simple values and floats, whose argument bytes were skipped
          break;
      }
    }
    return pos;
  }
}

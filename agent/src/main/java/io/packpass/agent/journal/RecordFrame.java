package io.packpass.agent.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One journal record on disk: {@code 'P' 'J' | length (u32, big-endian) | CRC-32C (u32) | payload}.
 * The CRC covers the length field and the payload, so a torn or flipped length is caught as surely as
 * a flipped payload byte; the two magic bytes make a misaligned read fail at once instead of trusting
 * a random length.
 */
final class RecordFrame {
  static final int MAGIC = 0x504A; // "PJ"
  static final int OVERHEAD = 10;

  private RecordFrame() {
  }

  static ByteBuffer encode(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(OVERHEAD + payload.length);
    b.putShort((short) MAGIC);
    b.putInt(payload.length);
    b.putInt((int) crc(payload.length, payload));
    b.put(payload);
    return b.flip();
  }

  static long crc(int length, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(payload);
    return crc.getValue();
  }
}

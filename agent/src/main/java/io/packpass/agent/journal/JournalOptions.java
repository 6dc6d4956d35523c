package io.packpass.agent.journal;

/**
 * How a {@link Journal} stores records.
 *
 * @param maxSegmentBytes a segment is sealed and a new one started once it reaches this size
 * @param retainBytes acknowledged segments are deleted, oldest first, while the sealed segments
 *     together exceed this; unacknowledged ones are never deleted whatever their size
 * @param maxRecordBytes the largest record accepted (and believed when reading a length prefix)
 * @param fsync force every append to the device before it returns; turn off only for tests and
 *     benchmarks that do not model power loss
 */
public record JournalOptions(long maxSegmentBytes, long retainBytes, int maxRecordBytes, boolean fsync) {
  /** 4 MiB segments, 64 MiB of acknowledged history kept, 64 KiB records, fsync per append. */
  public static final JournalOptions DEFAULT = new JournalOptions(4L << 20, 64L << 20, 64 << 10, true);

  public JournalOptions {
    if (maxRecordBytes < 64) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 64, got " + maxRecordBytes);
    }
    if (maxSegmentBytes < SegmentFile.HEADER_BYTES + RecordFrame.OVERHEAD + maxRecordBytes) {
      throw new IllegalArgumentException("maxSegmentBytes " + maxSegmentBytes + " cannot hold one record of "
          + maxRecordBytes + " bytes");
    }
    if (retainBytes < 0) {
      throw new IllegalArgumentException("retainBytes must not be negative");
    }
  }

  public JournalOptions withFsync(boolean on) {
    return new JournalOptions(maxSegmentBytes, retainBytes, maxRecordBytes, on);
  }

  public JournalOptions withSegmentBytes(long bytes) {
    return new JournalOptions(bytes, retainBytes, maxRecordBytes, fsync);
  }

  public JournalOptions withRetainBytes(long bytes) {
    return new JournalOptions(maxSegmentBytes, bytes, maxRecordBytes, fsync);
  }
}

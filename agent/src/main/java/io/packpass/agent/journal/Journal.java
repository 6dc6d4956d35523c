package io.packpass.agent.journal;

import io.packpass.agent.journal.JournalException.Kind;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.UpdatePayload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's append-only record of every signed update it made, built to survive a power cut at any
 * instant on an SD card.
 *
 * <ul>
 *   <li><b>Format.</b> Segment files {@code journal-<first seq>.ppj} of length-prefixed, CRC-32C
 *       checked COSE_Sign1 records ({@link RecordFrame}). Each append is written at the end of the
 *       active segment and, by default, forced to the device before {@link #append} returns.
 *   <li><b>Chain.</b> An append must continue the journal's own hash chain (seq = head + 1,
 *       prev = hash of the head); anything else is refused, so the journal never holds a fork.
 *   <li><b>Recovery.</b> {@link #open} re-reads every segment. A torn or corrupt tail of the active
 *       segment (the power went during a write) is copied aside to {@code <segment>.torn-<millis>}
 *       and cut off; nothing after the last good record is ever served. A bad record inside a sealed
 *       segment is not a torn write but damage: open fails with {@link Kind#CORRUPT} naming the file
 *       and offset, for {@code agent journal verify} and a person to look at.
 *   <li><b>Rotation and retention.</b> A full segment is sealed and a new one started. Sealed
 *       segments are deleted oldest first while they exceed {@link JournalOptions#retainBytes()},
 *       but only once every record in them is acknowledged by the gateway ({@link #acknowledge});
 *       unacknowledged updates are kept whatever the budget.
 *   <li><b>One writer.</b> A lock file keeps a second process out of the directory.
 * </ul>
 *
 * Thread-safe: all methods are synchronized (appends are rare; reads are short).
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  static final String LOCK_FILE = "journal.lock";
  static final String ACK_FILE = "acked";

  private final Path dir;
  private final JournalOptions options;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<Segment> segments = new ArrayList<>();
  private final RecoveryReport recovery;
  private long headSeq = -1;
  private byte[] headHash;
  private long ackedSeq = -1;
  private boolean closed;

  /** What {@link #open} found and repaired. */
  public record RecoveryReport(int segments, long records, long truncatedBytes, Optional<Path> quarantined,
      Optional<String> reason) {
    /** Whether a torn tail was cut off. */
    public boolean repaired() {
      return truncatedBytes > 0;
    }
  }

  /** One segment file and the offset of each of its records. */
  private static final class Segment {
    final Path path;
    final long firstSeq;
    final FileChannel channel;
    long[] offsets = new long[64];
    int count;
    long size;

    Segment(Path path, long firstSeq, FileChannel channel, long size) {
      this.path = path;
      this.firstSeq = firstSeq;
      this.channel = channel;
      this.size = size;
    }

    void add(long offset) {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      offsets[count++] = offset;
    }

    long lastSeq() {
      return firstSeq + count - 1;
    }
  }

  private Journal(Path dir, JournalOptions options, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.options = options;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.recovery = recover();
    this.ackedSeq = readAck();
  }

  /**
   * Opens (creating if needed) the journal in {@code dir}, recovering from a torn write.
   *
   * @throws JournalException LOCKED when another process has it open, CORRUPT when a sealed segment
   *     is damaged, IO when the directory cannot be used
   */
  public static Journal open(Path dir, JournalOptions options) {
    Objects.requireNonNull(options, "options");
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        throw new JournalException(Kind.LOCKED, "journal " + dir + " is in use by another agent process");
      }
      return new Journal(dir, options, lockChannel, lock);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new JournalException(Kind.IO, "cannot open journal " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  // ---------------------------------------------------------------- recovery

  private RecoveryReport recover() {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> SegmentFile.firstSeq(p).isPresent()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new JournalException(Kind.IO, "cannot list journal " + dir + ": " + e.getMessage(), e);
    }
    long records = 0;
    long truncated = 0;
    Optional<Path> quarantined = Optional.empty();
    Optional<String> reason = Optional.empty();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      boolean last = i == files.size() - 1;
      long firstSeq = SegmentFile.firstSeq(file).orElseThrow();
      if (headSeq >= 0 && firstSeq != headSeq + 1) {
        throw new JournalException(Kind.CORRUPT, file + ": starts at seq " + firstSeq + " but the segment before it"
            + " ends at seq " + headSeq + " (a segment is missing)");
      }
      Segment segment = openSegment(file, firstSeq);
      segments.add(segment);
      ScanBreak broken = scan(segment);
      records += segment.count;
      if (broken != null) {
        if (!last) {
          throw new JournalException(Kind.CORRUPT, file + " at byte " + broken.offset + ": " + broken.reason
              + " (a sealed segment is damaged; run 'packpass agent journal verify')");
        }
        truncated = segment.size - broken.offset;
        quarantined = Optional.of(quarantine(segment, broken.offset));
        if (broken.offset < SegmentFile.HEADER_BYTES) {
          dropEmptySegment(segment); // not even its header survived: the next append starts a fresh one
        }
        reason = Optional.of(broken.reason);
        LOG.warn("journal {}: cut off a torn tail of {} bytes at byte {} ({}); kept a copy in {}", file, truncated,
            broken.offset, broken.reason, quarantined.get());
      }
    }
    return new RecoveryReport(segments.size(), records, truncated, quarantined, reason);
  }

  private static final class ScanBreak {
    final long offset;
    final String reason;

    ScanBreak(long offset, String reason) {
      this.offset = offset;
      this.reason = reason;
    }
  }

  /** Indexes the good records of a segment; returns where and why reading stopped early, or null. */
  private ScanBreak scan(Segment s) {
    if (s.size < SegmentFile.HEADER_BYTES) {
      return new ScanBreak(0, "segment header incomplete");
    }
    ByteBuffer header = ByteBuffer.allocate(SegmentFile.HEADER_BYTES);
    readFully(s, header, 0);
    if (!Arrays.equals(header.array(), SegmentFile.HEADER)) {
      return new ScanBreak(0, "not a journal segment (wrong header)");
    }
    long pos = SegmentFile.HEADER_BYTES;
    while (pos < s.size) {
      if (s.size - pos < RecordFrame.OVERHEAD) {
        return new ScanBreak(pos, "record header cut short");
      }
      ByteBuffer h = ByteBuffer.allocate(RecordFrame.OVERHEAD);
      readFully(s, h, pos);
      int magic = h.getShort(0) & 0xFFFF;
      int length = h.getInt(2);
      long crc = h.getInt(6) & 0xFFFF_FFFFL;
      if (magic != RecordFrame.MAGIC) {
        return new ScanBreak(pos, String.format("no record marker (0x%04X)", magic));
      }
      if (length < 0 || length > options.maxRecordBytes()) {
        return new ScanBreak(pos, "record length " + Integer.toUnsignedString(length) + " beyond the limit of "
            + options.maxRecordBytes());
      }
      if (s.size - pos - RecordFrame.OVERHEAD < length) {
        return new ScanBreak(pos, "record cut short: " + (s.size - pos - RecordFrame.OVERHEAD) + " of " + length
            + " bytes");
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(s, body, pos + RecordFrame.OVERHEAD);
      byte[] bytes = body.array();
      if (RecordFrame.crc(length, bytes) != crc) {
        return new ScanBreak(pos, "CRC mismatch");
      }
      SignedUpdate update;
      try {
        update = SignedUpdate.parse(bytes);
      } catch (UpdateFormatException e) {
        return new ScanBreak(pos, "record is no signed update: " + e.getMessage());
      }
      if (s.count == 0 && update.payload().seq() != s.firstSeq) {
        return new ScanBreak(pos, "first record is seq " + update.payload().seq() + " in a segment named for seq "
            + s.firstSeq);
      }
      String chain = chainProblem(update);
      if (chain != null) {
        return new ScanBreak(pos, chain);
      }
      s.add(pos);
      headSeq = update.payload().seq();
      headHash = update.hash();
      pos += RecordFrame.OVERHEAD + length;
    }
    return null;
  }

  /** Why {@code u} does not continue the chain, or null when it does. */
  private String chainProblem(SignedUpdate u) {
    UpdatePayload p = u.payload();
    if (headSeq < 0) {
      return null; // the first record anchors the journal
    }
    if (p.seq() != headSeq + 1) {
      return "seq " + p.seq() + " does not follow seq " + headSeq;
    }
    if (!Arrays.equals(p.prev(), headHash)) {
      return "seq " + p.seq() + " does not name the hash of seq " + headSeq + " as prev";
    }
    return null;
  }

  private void dropEmptySegment(Segment s) {
    closeQuietly(s.channel);
    try {
      Files.delete(s.path);
    } catch (IOException e) {
      throw new JournalException(Kind.IO, "cannot remove the empty segment " + s.path + ": " + e.getMessage(), e);
    }
    segments.remove(s);
    forceDirectory();
  }

  private Path quarantine(Segment s, long from) {
    Path aside = s.path.resolveSibling(s.path.getFileName() + ".torn-" + System.currentTimeMillis());
    try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      s.channel.transferTo(from, s.size - from, out);
      out.force(true);
      s.channel.truncate(from);
      s.channel.force(true);
      s.size = from;
      return aside;
    } catch (IOException e) {
      throw new JournalException(Kind.IO, "cannot cut the torn tail of " + s.path + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- appending

  /**
   * Appends {@code update} and, with fsync on, forces it to the device before returning: once this
   * returns, the update survives a power cut.
   *
   * @throws JournalException CHAIN when it does not continue the journal's chain, TOO_LARGE, NO_SPACE
   *     when the file system is full, or IO; after NO_SPACE and IO nothing of it stays in the file
   */
  public synchronized void append(SignedUpdate update) {
    requireOpen();
    String chain = chainProblem(update);
    if (chain != null) {
      throw new JournalException(Kind.CHAIN, "refused: " + chain);
    }
    byte[] bytes = update.encoded();
    if (bytes.length > options.maxRecordBytes()) {
      throw new JournalException(Kind.TOO_LARGE, "update seq " + update.payload().seq() + " is " + bytes.length
          + " bytes, above the journal's limit of " + options.maxRecordBytes());
    }
    ByteBuffer frame = RecordFrame.encode(bytes);
    Segment active = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (active == null || active.size + frame.remaining() > options.maxSegmentBytes()) {
      active = newSegment(update.payload().seq());
    }
    long offset = active.size;
    try {
      while (frame.hasRemaining()) {
        active.channel.write(frame, offset + frame.position());
      }
      if (options.fsync()) {
        active.channel.force(false);
      }
    } catch (IOException e) {
      undo(active, offset);
      throw writeFailure("cannot append update seq " + update.payload().seq() + " to " + active.path,
          frame.capacity(), e);
    }
    active.size = offset + RecordFrame.OVERHEAD + bytes.length;
    active.add(offset);
    headSeq = update.payload().seq();
    headHash = update.hash();
    applyRetention();
  }

  private void undo(Segment s, long size) {
    try {
      s.channel.truncate(size);
      s.channel.force(false);
    } catch (IOException e) {
      LOG.error("journal {}: could not take back a failed write at byte {}: {}; recovery will cut it at next start",
          s.path, size, e.getMessage());
    }
  }

  private Segment newSegment(long firstSeq) {
    Path path = dir.resolve(SegmentFile.name(firstSeq));
    try {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      try {
        channel.write(ByteBuffer.wrap(SegmentFile.HEADER), 0);
        channel.force(true);
        forceDirectory();
      } catch (IOException e) {
        channel.close();
        Files.deleteIfExists(path);
        throw e;
      }
      Segment s = new Segment(path, firstSeq, channel, SegmentFile.HEADER_BYTES);
      segments.add(s);
      return s;
    } catch (IOException e) {
      throw writeFailure("cannot start journal segment " + path + " for update seq " + firstSeq,
          SegmentFile.HEADER_BYTES, e);
    }
  }

  /**
   * The typed error for a failed write. Java reports ENOSPC as a plain IOException whose message is
   * the C library's text ("No space left on device"), so that text is one sign; the file store
   * having less usable space than the write needed is the other (a message in another locale, a
   * quota). Either way the message names the file ({@code what} does) and says "no space left".
   */
  private JournalException writeFailure(String what, long needed, IOException e) {
    String text = String.valueOf(e.getMessage());
    boolean full = text.toLowerCase(java.util.Locale.ROOT).contains("no space left");
    if (!full) {
      try {
        full = Files.getFileStore(dir).getUsableSpace() < needed;
      } catch (IOException ignored) {
        // the store cannot even say how full it is: report the original failure
      }
    }
    if (full) {
      return new JournalException(Kind.NO_SPACE, what + ": no space left on the device (" + text + "); nothing of"
          + " it was kept", e);
    }
    return new JournalException(Kind.IO, what + ": " + text, e);
  }

  private Segment openSegment(Path file, long firstSeq) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      return new Segment(file, firstSeq, channel, channel.size());
    } catch (IOException e) {
      throw new JournalException(Kind.IO, "cannot open journal segment " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes a created, renamed or deleted file's directory entry durable (Linux needs this). */
  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("directory fsync of {} not supported: {}", dir, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- acknowledgement and retention

  /**
   * Records that the gateway holds every update up to {@code seq}; acknowledged segments become
   * eligible for deletion under the retention budget. Survives restarts.
   *
   * @throws IllegalArgumentException when {@code seq} is beyond the head
   */
  public synchronized void acknowledge(long seq) {
    requireOpen();
    if (seq > headSeq) {
      throw new IllegalArgumentException("cannot acknowledge seq " + seq + ": the journal ends at seq " + headSeq);
    }
    if (seq <= ackedSeq) {
      return;
    }
    Path tmp = dir.resolve(ACK_FILE + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap((seq + "\n").getBytes(StandardCharsets.US_ASCII)));
        out.force(true);
      }
      try {
        Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(ACK_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory();
    } catch (IOException e) {
      throw writeFailure("cannot record acknowledgement of seq " + seq + " in " + dir.resolve(ACK_FILE), 32, e);
    }
    ackedSeq = seq;
    applyRetention();
  }

  private long readAck() {
    Path file = dir.resolve(ACK_FILE);
    if (!Files.exists(file)) {
      return -1;
    }
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      long seq = Long.parseLong(text);
      return Math.min(seq, headSeq); // never believe an acknowledgement beyond what survived
    } catch (IOException | NumberFormatException e) {
      LOG.warn("journal {}: acknowledgement file unreadable ({}); treating nothing as acknowledged", dir,
          e.getMessage());
      return -1;
    }
  }

  private void applyRetention() {
    long sealedBytes = 0;
    for (int i = 0; i < segments.size() - 1; i++) {
      sealedBytes += segments.get(i).size;
    }
    while (segments.size() > 1 && sealedBytes > options.retainBytes()) {
      Segment oldest = segments.get(0);
      if (oldest.lastSeq() > ackedSeq) {
        LOG.debug("journal {}: {} bytes over the retention budget, kept: seq {}..{} not acknowledged", dir,
            sealedBytes - options.retainBytes(), oldest.firstSeq, oldest.lastSeq());
        return;
      }
      try {
        oldest.channel.close();
        Files.delete(oldest.path);
      } catch (IOException e) {
        LOG.warn("journal {}: could not delete acknowledged segment {}: {}", dir, oldest.path, e.getMessage());
        return;
      }
      segments.remove(0);
      sealedBytes -= oldest.size;
      forceDirectory();
    }
  }

  // ---------------------------------------------------------------- reading

  /** The seq of the newest record, or -1 when the journal is empty. */
  public synchronized long headSeq() {
    return headSeq;
  }

  /** The oldest seq still held, or -1 when the journal is empty. */
  public synchronized long firstSeq() {
    return segments.stream().filter(s -> s.count > 0).findFirst().map(s -> s.firstSeq).orElse(-1L);
  }

  /** The highest seq the gateway acknowledged, or -1. */
  public synchronized long acknowledgedSeq() {
    return ackedSeq;
  }

  /** What opening found. */
  public RecoveryReport recovery() {
    return recovery;
  }

  /** The newest record. */
  public synchronized Optional<SignedUpdate> head() {
    return headSeq < 0 ? Optional.empty() : Optional.of(SignedUpdate.parse(read(headSeq)));
  }

  /**
   * The exact bytes of records {@code since + 1} onwards, at most {@code max} of them, oldest first.
   * Records rotated out are not there: check {@link #firstSeq()}.
   */
  public synchronized List<byte[]> since(long since, int max) {
    requireOpen();
    List<byte[]> out = new ArrayList<>();
    for (long seq = Math.max(since + 1, firstSeq()); seq <= headSeq && out.size() < max && seq >= 0; seq++) {
      out.add(read(seq));
    }
    return out;
  }

  /** The exact bytes of record {@code seq}. */
  public synchronized byte[] read(long seq) {
    requireOpen();
    for (Segment s : segments) {
      if (s.count > 0 && seq >= s.firstSeq && seq <= s.lastSeq()) {
        long offset = s.offsets[(int) (seq - s.firstSeq)];
        ByteBuffer h = ByteBuffer.allocate(RecordFrame.OVERHEAD);
        readFully(s, h, offset);
        ByteBuffer body = ByteBuffer.allocate(h.getInt(2));
        readFully(s, body, offset + RecordFrame.OVERHEAD);
        return body.array();
      }
    }
    throw new IllegalArgumentException("seq " + seq + " is not in the journal (it holds " + firstSeq() + ".."
        + headSeq + ")");
  }

  private static void readFully(Segment s, ByteBuffer into, long position) {
    try {
      while (into.hasRemaining()) {
        int n = s.channel.read(into, position + into.position());
        if (n < 0) {
          throw new JournalException(Kind.IO, s.path + ": unexpected end of file at byte " + position);
        }
      }
    } catch (IOException e) {
      throw new JournalException(Kind.IO, "cannot read " + s.path + ": " + e.getMessage(), e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("journal " + dir + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Segment s : segments) {
      closeQuietly(s.channel);
    }
    try {
      lock.release();
    } catch (IOException e) {
      LOG.debug("releasing the journal lock: {}", e.getMessage());
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close: {}", e.getMessage());
    }
  }
}

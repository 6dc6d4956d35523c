package io.packpass.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.journal.JournalException.Kind;
import io.packpass.core.update.SignedUpdate;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir
  Path dir;

  final TestUpdates updates = new TestUpdates();
  final JournalOptions options = JournalOptions.DEFAULT.withFsync(false);
  /** Segments of 4 KiB: a birth record (about 1.5 KiB) and a few readings (about 300 bytes) each. */
  static final JournalOptions SMALL_SEGMENTS = new JournalOptions(4096, 64L << 20, 2048, false);

  @Test
  void appended_updates_read_back_byte_for_byte_after_reopening() {
    SignedUpdate last;
    try (Journal j = Journal.open(dir, options)) {
      last = updates.appendTo(j, 5);
      assertThat(j.headSeq()).isEqualTo(4);
    }
    try (Journal j = Journal.open(dir, options)) {
      assertThat(j.recovery().repaired()).isFalse();
      assertThat(j.recovery().records()).isEqualTo(5);
      assertThat(j.headSeq()).isEqualTo(4);
      assertThat(j.head().orElseThrow().encoded()).isEqualTo(last.encoded());
      List<byte[]> tail = j.since(2, 10);
      assertThat(tail).hasSize(2);
      assertThat(SignedUpdate.parse(tail.get(0)).payload().seq()).isEqualTo(3);
      assertThat(j.since(-1, 3)).hasSize(3);
      assertThat(j.since(4, 10)).isEmpty();
      updates.appendTo(j, 1);
      assertThat(j.headSeq()).isEqualTo(5);
    }
  }

  @Test
  void an_update_that_does_not_continue_the_chain_is_refused_and_changes_nothing() throws IOException {
    try (Journal j = Journal.open(dir, options)) {
      SignedUpdate head = updates.appendTo(j, 3);
      long size = segmentBytes();

      assertThatThrownBy(() -> j.append(updates.with(5, head.hash()))).isInstanceOf(JournalException.class)
          .hasMessage("refused: seq 5 does not follow seq 2")
          .satisfies(e -> assertThat(((JournalException) e).kind()).isEqualTo(Kind.CHAIN));
      assertThatThrownBy(() -> j.append(updates.with(3, new byte[32])))
          .hasMessage("refused: seq 3 does not name the hash of seq 2 as prev");
      assertThatThrownBy(() -> j.append(head)).hasMessageContaining("seq 2 does not follow seq 2");

      assertThat(j.headSeq()).isEqualTo(2);
      assertThat(segmentBytes()).isEqualTo(size);
    }
  }

  @Test
  void a_torn_tail_is_cut_off_kept_aside_and_never_served() throws IOException {
    try (Journal j = Journal.open(dir, options)) {
      updates.appendTo(j, 4);
    }
    Path segment = segments().get(0);
    long fullSize = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(fullSize - 7); // the power went while the last record was being written
    }

    try (Journal j = Journal.open(dir, options)) {
      assertThat(j.recovery().repaired()).isTrue();
      assertThat(j.recovery().reason()).get().asString().startsWith("record cut short");
      assertThat(j.headSeq()).isEqualTo(2);
      assertThat(j.recovery().quarantined()).get().satisfies(p -> assertThat(Files.exists(p)).isTrue());
      assertThat(Files.size(j.recovery().quarantined().get())).isEqualTo(Files.size(segment) == 0 ? 0
          : fullSize - 7 - Files.size(segment));
      // the chain continues from the last good record
      TestUpdates again = new TestUpdates();
      for (int i = 0; i < 3; i++) {
        again.next();
      }
      j.append(again.next());
      assertThat(j.headSeq()).isEqualTo(3);
    }
  }

  @Test
  void a_flipped_byte_in_the_last_record_is_caught_by_the_crc() throws IOException {
    try (Journal j = Journal.open(dir, options)) {
      updates.appendTo(j, 3);
    }
    Path segment = segments().get(0);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.seek(f.length() - 20);
      int b = f.read();
      f.seek(f.length() - 20);
      f.write(b ^ 0x01);
    }
    try (Journal j = Journal.open(dir, options)) {
      assertThat(j.recovery().reason()).contains("CRC mismatch");
      assertThat(j.headSeq()).isEqualTo(1);
    }
  }

  @Test
  void damage_in_a_sealed_segment_refuses_to_open_naming_file_and_offset() throws IOException {
    try (Journal j = Journal.open(dir, SMALL_SEGMENTS)) {
      updates.appendTo(j, 12);
    }
    List<Path> files = segments();
    assertThat(files).hasSizeGreaterThan(2);
    try (RandomAccessFile f = new RandomAccessFile(files.get(0).toFile(), "rw")) {
      f.seek(40);
      f.write(0xFF);
    }
    assertThatThrownBy(() -> Journal.open(dir, SMALL_SEGMENTS))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(files.get(0).toString() + " at byte 8: CRC mismatch")
        .hasMessageContaining("journal verify")
        .satisfies(e -> assertThat(((JournalException) e).kind()).isEqualTo(Kind.CORRUPT));
  }

  @Test
  void segments_rotate_and_reads_span_them() throws IOException {
    try (Journal j = Journal.open(dir, SMALL_SEGMENTS)) {
      updates.appendTo(j, 20);
      assertThat(segments()).hasSizeGreaterThan(3);
      List<byte[]> all = j.since(-1, 100);
      assertThat(all).hasSize(20);
      for (int i = 0; i < 20; i++) {
        assertThat(SignedUpdate.parse(all.get(i)).payload().seq()).isEqualTo(i);
      }
    }
    assertThat(segments().get(1).getFileName().toString()).matches("journal-0{19}[1-9]\\.ppj|journal-0+[1-9][0-9]*\\.ppj");
  }

  @Test
  void retention_never_drops_an_unacknowledged_update_and_acknowledgement_survives_restart() throws IOException {
    JournalOptions small = SMALL_SEGMENTS.withRetainBytes(0);
    try (Journal j = Journal.open(dir, small)) {
      updates.appendTo(j, 20);
      int before = segments().size();
      assertThat(j.firstSeq()).isZero(); // nothing acknowledged: all kept although over budget

      j.acknowledge(9);
      assertThat(segments().size()).isLessThan(before);
      assertThat(j.firstSeq()).isPositive().isLessThanOrEqualTo(10);
      assertThat(j.since(-1, 100)).extracting(b -> SignedUpdate.parse(b).payload().seq()).contains(10L, 19L);
      assertThatThrownBy(() -> j.acknowledge(20)).isInstanceOf(IllegalArgumentException.class);
    }
    try (Journal j = Journal.open(dir, small)) {
      assertThat(j.acknowledgedSeq()).isEqualTo(9);
      assertThat(j.headSeq()).isEqualTo(19);
    }
  }

  @Test
  void a_second_writer_is_refused() {
    try (Journal j = Journal.open(dir, options)) {
      assertThatThrownBy(() -> Journal.open(dir, options)).isInstanceOf(JournalException.class)
          .hasMessageContaining("in use by another agent process");
    }
    Journal.open(dir, options).close(); // released on close
  }

  @Test
  void a_record_above_the_limit_is_refused() {
    try (Journal j = Journal.open(dir, new JournalOptions(1 << 20, 0, 100, false))) {
      assertThatThrownBy(() -> j.append(updates.next())).isInstanceOf(JournalException.class)
          .hasMessageContaining("above the journal's limit of 100");
      assertThat(j.headSeq()).isEqualTo(-1);
    }
  }

  @Test
  void a_segment_whose_header_was_torn_is_dropped_and_the_next_append_starts_a_fresh_one() throws IOException {
    try (Journal j = Journal.open(dir, SMALL_SEGMENTS)) {
      updates.appendTo(j, 6);
    }
    List<Path> files = segments();
    Path last = files.get(files.size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(3);
    }
    try (Journal j = Journal.open(dir, SMALL_SEGMENTS)) {
      assertThat(Files.exists(last)).isFalse();
      long head = j.headSeq();
      TestUpdates again = new TestUpdates();
      for (long i = 0; i <= head; i++) {
        again.next();
      }
      j.append(again.next());
      assertThat(j.headSeq()).isEqualTo(head + 1);
    }
    try (Journal j = Journal.open(dir, SMALL_SEGMENTS)) {
      assertThat(j.recovery().repaired()).isFalse();
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ppj")).sorted().collect(Collectors.toList());
    }
  }

  private long segmentBytes() throws IOException {
    long total = 0;
    for (Path p : segments()) {
      total += Files.size(p);
    }
    return total;
  }
}

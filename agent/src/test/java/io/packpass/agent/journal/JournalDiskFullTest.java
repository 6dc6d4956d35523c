package io.packpass.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.packpass.agent.TmpfsMount;
import io.packpass.agent.journal.JournalException.Kind;
import io.packpass.core.update.SignedUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real, full file system: a 64 KiB tmpfs filled to the last page (root only: interop tier). */
@Tag("interop")
class JournalDiskFullTest {
  @TempDir
  Path dir;

  /** Small segments, so that appends also start new segment files on the full disk. */
  static final JournalOptions OPTIONS = new JournalOptions(4096, 64L << 20, 2048, true);

  @Test
  void an_append_on_a_full_disk_fails_naming_the_file_keeps_nothing_of_it_and_succeeds_once_space_is_freed()
      throws Exception {
    TestUpdates updates = new TestUpdates();
    List<SignedUpdate> acknowledged = new ArrayList<>();
    try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("journal"), 64 * 1024)) {
      Path filler;
      try (Journal journal = Journal.open(disk.dir(), OPTIONS)) {
        for (int i = 0; i < 3; i++) {
          SignedUpdate u = updates.next();
          journal.append(u);
          acknowledged.add(u);
        }
        filler = disk.fill();

        // Appends may still land in the last page a file already has; the first one that needs a new
        // page (or a new segment) must fail cleanly. 40 readings are 12 KiB: far more than one page.
        JournalException refused = null;
        SignedUpdate attempted = null;
        for (int i = 0; i < 40 && refused == null; i++) {
          SignedUpdate next = updates.next();
          attempted = next;
          long before = totalSegmentBytes(disk.dir());
          refused = catchThrowableOfType(() -> journal.append(next), JournalException.class);
          if (refused == null) {
            acknowledged.add(attempted);
          } else {
            assertThat(totalSegmentBytes(disk.dir())).as("nothing of the refused record stays in the file")
                .isEqualTo(before);
          }
        }
        assertThat(refused).as("an append on the full disk").isNotNull();
        assertThat(refused.kind()).isEqualTo(Kind.NO_SPACE);
        assertThat(refused.getMessage()).contains("no space left").contains(disk.dir().toString())
            .contains("journal-").contains("seq " + attempted.payload().seq());
        assertThat(journal.headSeq()).isEqualTo(acknowledged.size() - 1);
        assertThat(journal.since(-1, 100)).hasSize(acknowledged.size());

        // Space comes back: the very update that was refused goes in, and the chain carries on.
        Files.delete(filler);
        journal.append(attempted);
        acknowledged.add(attempted);
        SignedUpdate more = updates.next();
        journal.append(more);
        acknowledged.add(more);
      }
      // Full again, then restarted while full: the journal opens, nothing is torn, all is there.
      disk.fill();
      try (Journal journal = Journal.open(disk.dir(), OPTIONS)) {
        assertThat(journal.recovery().repaired()).isFalse();
        List<byte[]> all = journal.since(-1, 1000);
        assertThat(all).hasSize(acknowledged.size());
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i)).isEqualTo(acknowledged.get(i).encoded());
        }
      }
    }
  }

  private static long totalSegmentBytes(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ppj")).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}

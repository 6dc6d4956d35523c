package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.agent.TestClock;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalException;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.agent.testing.SmallFileSystem;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's file system full while the agent runs, on a real tmpfs: the kernel's ENOSPC, not an
 * imitation. Nothing half-written stays, the agent keeps running and signs again once there is room,
 * and the chain is whole after a restart.
 */
@Tag("interop")
class AgentDiskFullTest {
  @TempDir
  Path dir;

  final TestClock clock = new TestClock(Instant.parse("2026-03-02T06:00:00.250Z"));

  private static void poll(AgentApp app, TestClock clock, Duration span) throws InterruptedException {
    for (long i = 0; i < span.toMinutes(); i++) {
      app.runner().pollOnce();
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void a_full_disk_stops_signing_without_stopping_the_agent_and_signing_resumes_when_there_is_room()
      throws Exception {
    TestBundle bundle = new TestBundle(dir.resolve("bundle"), "sim-lmt");
    try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("fs"), 512)) {
      Path journalDir = fs.root().resolve("journal");
      Files.writeString(bundle.config(), Files.readString(bundle.config())
          .replace("journal:\n  fsync: false", "journal:\n  dir: " + journalDir + "\n  fsync: true"));
      AgentConfig config = new AgentConfigLoader().load(bundle.config());
      long headWhenFull;
      long fileBytesWhenFull;
      try (AgentApp app = AgentApp.start(config, clock)) {
        poll(app, clock, Duration.ofHours(3));
        long filled = fs.fill();
        assertThat(filled).as("bytes it took to fill the tmpfs").isPositive();
        // a record or two may still fit in the last page the segment file already has
        for (int hour = 0; hour < 12 && !app.runner().journalRefusing(); hour++) {
          poll(app, clock, Duration.ofHours(1));
        }
        assertThat(app.runner().journalRefusing()).as("the journal met ENOSPC").isTrue();
        headWhenFull = app.runner().log().head().payload().seq();
        fileBytesWhenFull = journalBytes(journalDir);

        poll(app, clock, Duration.ofHours(3)); // readings fall due hourly: each write meets ENOSPC
        assertThat(app.runner().journalRefusing()).isTrue();
        assertThat(app.runner().log().head().payload().seq()).as("nothing signed that could not be kept")
            .isEqualTo(headWhenFull);
        assertThat(journalBytes(journalDir)).as("failed appends leave no partial record").isEqualTo(fileBytesWhenFull);
        assertThatThrownBy(() -> app.runner().fresh(new byte[16])).isInstanceOf(JournalException.class)
            .hasMessageContaining("No space left on device")
            .satisfies(e -> assertThat(((JournalException) e).kind()).isEqualTo(JournalException.Kind.IO));

        fs.free();
        poll(app, clock, Duration.ofMinutes(2));
        assertThat(app.runner().journalRefusing()).isFalse();
        assertThat(app.runner().log().head().payload().seq()).as("signing resumed").isGreaterThan(headWhenFull);
        assertThat(app.runner().fresh(new byte[16]).payload().nonce()).isPresent();
      }
      // the journal reopens with every record and its chain; the agent continues it
      try (AgentApp app = AgentApp.start(config, clock)) {
        poll(app, clock, Duration.ofHours(1));
        assertThat(app.runner().log().journal().recovery().truncatedBytes()).isZero();
      }
      String verify = cli("journal", "verify", "--config", bundle.config().toString());
      assertThat(verify).startsWith("0 journal OK: seq 0..");
    }
  }

  @Test
  void an_append_that_meets_enospc_is_refused_with_the_file_named_and_leaves_the_segment_as_it_was()
      throws Exception {
    TestBundle bundle = new TestBundle(dir.resolve("bundle"), "sim-lmt");
    try (SmallFileSystem fs = SmallFileSystem.mount(dir.resolve("fs"), 256)) {
      Path journalDir = fs.root().resolve("journal");
      try (Journal journal = Journal.open(journalDir, JournalOptions.DEFAULT.withFsync(true))) {
        journal.append(bundle.birth);
        fs.fill();
        long before = journalBytes(journalDir);
        SignedUpdate next = SignedUpdate.sign(bundle.ca.passportSigner(), new UpdatePayload(bundle.passport, 1,
            bundle.birth.hash(), TestBundle.BORN.plusSeconds(60), UpdateKind.READING,
            UpdateBody.reading(io.packpass.core.sample.SamplePassports.evReading(TestBundle.BORN.plusSeconds(60), 9_000, 10)),
            Optional.empty()));
        assertThatThrownBy(() -> journal.append(next)).isInstanceOf(JournalException.class)
            .hasMessageContaining("cannot append update seq 1").hasMessageContaining(journalDir.toString())
            .hasMessageContaining("No space left on device");
        assertThat(journalBytes(journalDir)).isEqualTo(before);
        assertThat(journal.headSeq()).isZero();
        fs.free();
        journal.append(next);
        assertThat(journal.headSeq()).isEqualTo(1);
      }
      try (Journal reopened = Journal.open(journalDir, JournalOptions.DEFAULT)) {
        assertThat(reopened.headSeq()).isEqualTo(1);
        assertThat(reopened.recovery().truncatedBytes()).isZero();
      }
    }
  }

  private static String cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli = io.packpass.agent.AgentCommand.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(out, true));
    return cli.execute(args) + " " + out;
  }

  private static long journalBytes(Path journalDir) throws java.io.IOException {
    try (var files = Files.list(journalDir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}

package io.packpass.agent.journal;

import java.nio.file.Path;

/**
 * The writer the crash test kills: continues the deterministic test chain from the journal's head,
 * appending with fsync and printing {@code appended <seq>} after each append returned, until killed.
 */
public final class JournalCrashChild {
  private JournalCrashChild() {
  }

  public static void main(String[] args) {
    try (Journal journal = Journal.open(Path.of(args[0]), new JournalOptions(4096, 64L << 20, 2048, true))) {
      TestUpdates chain = new TestUpdates();
      for (long seq = 0; seq <= journal.headSeq(); seq++) {
        chain.next(); // the same bytes as before: Ed25519 signatures and the test times are deterministic
      }
      System.out.println("recovered " + journal.headSeq() + " " + journal.recovery().truncatedBytes());
      System.out.flush();
      while (true) {
        var update = chain.next();
        journal.append(update);
        System.out.println("appended " + update.payload().seq());
        System.out.flush();
      }
    }
  }
}

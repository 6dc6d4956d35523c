package io.packpass.agent.cli;

import io.packpass.agent.AgentCommand;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalException;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.Verdict;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent journal}: look after the journal of signed updates. */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = "Inspect the agent's journal of signed updates.",
    subcommands = {CommandLine.HelpCommand.class, JournalCommand.Verify.class})
public final class JournalCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code agent journal verify}: walk the chain, report the first break. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Walk the journal from its first record: CRC and framing, the hash chain, and every signature",
          "against the manufacturer's root (the birth record by a passport-signer certificate, the agent's",
          "updates by the device certificate of this passport). Reports the first break with its reason",
          "(exit 1). Stop the agent first: the journal has one user at a time."})
  static final class Verify implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The agent.yaml: where the journal is and what to trust.")
    java.nio.file.Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      AgentConfig c = new AgentConfigLoader().load(config);
      PrintWriter out = spec.commandLine().getOut();
      Clock clock = Clock.systemUTC();
      DeviceIdentity identity = DeviceIdentity.load(c.privateKey(), c.certificate(), c.trustAnchors(), c.crl(),
          c.passport(), clock.instant());
      Journal journal;
      try {
        journal = Journal.open(c.journal().dir(), JournalOptions.DEFAULT);
      } catch (JournalException e) {
        if (e.kind() == JournalException.Kind.CORRUPT) {
          out.println("journal broken: " + e.getMessage());
          out.flush();
          return AgentCommand.BAD_LINES;
        }
        throw e;
      }
      try (journal) {
        boolean repaired = journal.recovery().repaired();
        if (repaired) {
          out.println("journal broken after seq " + journal.headSeq() + ": " + journal.recovery().reason().orElse("")
              + "; the " + journal.recovery().truncatedBytes() + " bytes from there on were cut off and kept in "
              + journal.recovery().quarantined().orElseThrow() + " (a torn write, or damage)");
        }
        CertificateTrustedKeys keys = new CertificateTrustedKeys().add(identity.chain().get(0));
        // Updates are checked as of now, except that a signer's certificate is judged at the record's time.
        UpdateChain chain = new UpdateChain(new ChainVerifier(keys, clock, Duration.ofMinutes(5)));
        List<byte[]> records = journal.since(-1, Integer.MAX_VALUE);
        long first = journal.firstSeq();
        for (byte[] bytes : records) {
          SignedUpdate u;
          try {
            u = SignedUpdate.parse(bytes);
          } catch (UpdateFormatException e) {
            out.println("journal broken at a record after seq " + chain.headSeq() + ": " + e.getMessage());
            out.flush();
            return AgentCommand.BAD_LINES;
          }
          if (u.payload().seq() == 0) {
            try {
              identity.verifyBirth(u);
              keys.add(TrustStore.fromDer(u.cose().certificateChain()).get(0));
            } catch (RuntimeException e) {
              out.println("journal broken at seq 0 (birth): " + e.getMessage());
              out.flush();
              return AgentCommand.BAD_LINES;
            }
          }
          Verdict v = chain.offer(u);
          if (v.outcome() != Verdict.Outcome.ACCEPTED) {
            out.println("journal broken at seq " + u.payload().seq() + ": " + v.outcome() + ": " + v.reason());
            out.flush();
            return AgentCommand.BAD_LINES;
          }
        }
        out.printf("journal %s: seq %d..%d (%d records), every signature verified against %s%n",
            repaired ? "OK up to the break" : "OK", first, journal.headSeq(), records.size(),
            identity.trust().roots().get(0).getSubjectX500Principal());
        out.flush();
        return repaired ? AgentCommand.BAD_LINES : 0;
      } catch (TrustException e) {
        throw new AgentException(e.getMessage());
      }
    }
  }
}

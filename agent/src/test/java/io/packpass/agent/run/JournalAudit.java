package io.packpass.agent.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.core.pki.CertificateTrustedKeys;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.Verdict.Outcome;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent check of a whole journal, as a gateway makes it with nothing but the root: it learns
 * each certificate from the records that announce it (x5chain), checks it first, and every record
 * must be ACCEPTED by core's chain verifier on {@code verifierClock}.
 */
record JournalAudit(List<byte[]> records, List<Long> announcing) {
  static JournalAudit of(Path journalDir, X509Certificate root, Clock verifierClock) {
    TrustStore trust = new TrustStore(List.of(root), List.of());
    CertificateTrustedKeys keys = new CertificateTrustedKeys();
    UpdateChain chain = new UpdateChain(new ChainVerifier(keys, verifierClock));
    List<Long> announcing = new ArrayList<>();
    try (Journal journal = Journal.open(journalDir, JournalOptions.DEFAULT)) {
      List<byte[]> all = journal.since(-1, Integer.MAX_VALUE);
      for (byte[] bytes : all) {
        SignedUpdate u = SignedUpdate.parse(bytes);
        if (!u.cose().certificateChain().isEmpty()) {
          List<X509Certificate> certs = TrustStore.fromDer(u.cose().certificateChain());
          trust.validate(certs, u.payload().time());
          keys.add(certs.get(0));
          announcing.add(u.payload().seq());
        }
        assertThat(chain.offer(u).outcome()).as("seq %d %s at %s", u.payload().seq(), u.payload().kind(),
            u.payload().time()).isEqualTo(Outcome.ACCEPTED);
      }
      return new JournalAudit(all, announcing);
    }
  }
}

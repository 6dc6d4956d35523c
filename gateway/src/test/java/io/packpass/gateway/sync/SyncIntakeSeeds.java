package io.packpass.gateway.sync;

import io.packpass.core.passport.EventType;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.provisioning.ca.CertificateText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the seeds of {@link SyncIntakeFuzzTest} and the root they verify against: sync bodies as a
 * site gateway sends them, made from a fresh {@link TestPki}. Seeds must verify in every later run,
 * so the PKI is made once and its root committed beside them (a new PKI means new seeds). Run by
 * hand from the gateway module after {@code test-compile}:
 * {@code java -cp target/test-classes:target/classes:<test class path> io.packpass.gateway.sync.SyncIntakeSeeds src/test/resources}
 */
public final class SyncIntakeSeeds {
  private SyncIntakeSeeds() {
  }

  public static void main(String[] args) throws IOException {
    Path resources = Path.of(args[0]).resolve("io/packpass/gateway/sync");
    Path seeds = resources.resolve("SyncIntakeFuzzTestInputs").resolve(SyncIntakeFuzzTest.METHOD);
    Files.createDirectories(seeds);
    TestPki pki = new TestPki(Files.createTempDirectory("sync-seeds-pki"));
    Files.writeString(resources.resolve(SyncIntakeFuzzTest.ROOT),
        CertificateText.pem(List.of(pki.ca.rootCertificate())));

    // one pack as its agent serves it after a start: birth, readings with and without the x5chain, an event
    TestPack a = pki.pack();
    List<SignedUpdate> honest = new ArrayList<>(a.upTo(2));
    for (int i = 0; i < 6; i++) {
      honest.add(a.nextByKid());
    }
    honest.add(a.nextEvent(EventType.DEEP_DISCHARGE, "cell 3 below 2.5 V"));
    write(seeds, "honest-batch", honest);

    // two packs interleaved and out of order, as the outbox may hold them
    TestPack b = pki.pack();
    TestPack c = pki.pack();
    List<SignedUpdate> mixed = new ArrayList<>();
    for (int seq = 4; seq >= 0; seq--) {
      mixed.add(b.at(seq));
      mixed.add(c.at(seq));
    }
    write(seeds, "two-packs-out-of-order", mixed);

    // replays, a fork, a gap and a kid nobody announced
    TestPack d = pki.pack();
    TestPack e = pki.pack();
    write(seeds, "replays-fork-gap-unknown-kid", List.of(d.at(0), d.at(1), d.at(1), d.forkAt(2, 5_000), d.at(2),
        d.at(5), e.nextByKid()));

    // another manufacturer's pack: untrusted
    TestPack foreign = pki.foreignPack();
    write(seeds, "foreign-pack", foreign.upTo(2));
  }

  private static void write(Path dir, String name, List<SignedUpdate> updates) throws IOException {
    Files.write(dir.resolve(name), CborSequence.join(updates.stream().map(SignedUpdate::encoded).toList()));
  }
}

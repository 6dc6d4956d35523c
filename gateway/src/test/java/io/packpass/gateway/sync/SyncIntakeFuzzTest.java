package io.packpass.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.UpdateCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry's sync intake on any body a gateway might send: a CBOR sequence built by the fuzzer from
 * genuine updates of two packs (in any order, repeated, some with one byte changed) and raw bytes, or any
 * bytes at all. Property: a {@link SyncFormatException} or one answer per item, never another exception;
 * the store grows by exactly the updates answered accepted, each of them a genuine one; the same body a
 * second time stores nothing more.
 */
class SyncIntakeFuzzTest {
  private static final Fixture FIXTURE = new Fixture();

  /** One store, one PKI and two genuine chains per fuzzing JVM: opening H2 per input would be slow. */
  private static final class Fixture {
    final JdbcGatewayStore store;
    final SyncIntake intake;
    final List<SignedUpdate> genuine = new ArrayList<>();

    Fixture() {
      try {
        Path dir = Files.createTempDirectory("sync-intake-fuzz");
        TestPki pki = new TestPki(dir.resolve("pki"));
        store = JdbcGatewayStore.open(StoreSettings.h2(dir.resolve("db")), Clock.systemUTC());
        intake = new SyncIntake(new Ingest(store, new UpdateCertificates(pki.trust(), Clock.systemUTC()),
            Clock.systemUTC(), false), new SyncIntake.Limits(256 * 1024, 64, 64 * 1024));
        for (int p = 0; p < 2; p++) {
          TestPack pack = pki.pack();
          genuine.addAll(pack.upTo(5));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static byte[] body(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return data.consumeRemainingAsBytes(); // any bytes at all
    }
    List<byte[]> items = new ArrayList<>();
    int n = data.consumeInt(0, 12);
    for (int i = 0; i < n; i++) {
      switch (data.consumeInt(0, 2)) {
        case 0 -> items.add(FIXTURE.genuine.get(data.consumeInt(0, FIXTURE.genuine.size() - 1)).encoded());
        case 1 -> {
          byte[] bytes = FIXTURE.genuine.get(data.consumeInt(0, FIXTURE.genuine.size() - 1)).encoded();
          bytes[data.consumeInt(0, bytes.length - 1)] ^= (byte) data.consumeInt(1, 255);
          items.add(bytes);
        }
        default -> items.add(data.consumeBytes(data.consumeInt(0, 600)));
      }
    }
    // items are joined as a CBOR sequence of byte strings' contents: each item is itself CBOR or junk
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] item : items) {
      out.writeBytes(item);
    }
    return out.toByteArray();
  }

  @FuzzTest(maxDuration = "8s")
  void answers_every_item_or_refuses_the_body_and_stores_only_genuine_updates_once(FuzzedDataProvider data) {
    byte[] body = body(data);
    long before = FIXTURE.store.updateCount();
    List<SyncAck> acks;
    try {
      acks = FIXTURE.intake.receive(body, "fuzz");
    } catch (SyncFormatException refused) {
      assertThat(FIXTURE.store.updateCount()).as("a refused body stores nothing").isEqualTo(before);
      return;
    }
    long accepted = acks.stream().filter(a -> a.status() == SyncAck.Status.ACCEPTED).count();
    assertThat(FIXTURE.store.updateCount()).as("stored = answered accepted").isEqualTo(before + accepted);
    for (SyncAck a : acks) {
      if (a.status() == SyncAck.Status.ACCEPTED) {
        byte[] hash = a.hash().orElseThrow();
        assertThat(FIXTURE.genuine).as("an accepted update is a genuine one")
            .anySatisfy(g -> assertThat(g.hash()).isEqualTo(hash));
      }
    }
    List<SyncAck> again = FIXTURE.intake.receive(body, "fuzz");
    assertThat(again).hasSameSizeAs(acks).noneMatch(a -> a.status() == SyncAck.Status.ACCEPTED);
    assertThat(FIXTURE.store.updateCount()).isEqualTo(before + accepted);
  }
}

package io.packpass.gateway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.PassportId;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.sync.SyncAck.Status;
import io.packpass.gateway.testing.FuzzBudget;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.UpdateCertificates;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry's sync intake on any request body, short of HTTP: {@link SyncIntake#receive} splits
 * the CBOR sequence within its bounds, parses, verifies and stores or quarantines each item in an H2
 * store (in memory, emptied before each input). Properties: only a {@link SyncFormatException} (and
 * then nothing stored or quarantined) or one ack per item; an accepted item is stored byte for byte,
 * a rejected one quarantined; what the store holds is, checked here independently of the verifier,
 * a hash chain from genesis per passport whose every update is signed by the key of a certificate
 * that leads to the root and is entitled to it; and the same body received again acknowledges
 * everything held as a duplicate, rejects the rest for the same reasons and leaves the store as it was.
 * Seeds: sync bodies made by {@link SyncIntakeSeeds} against the committed root, and core's golden update.
 */
class SyncIntakeFuzzTest {
  static final String METHOD = "answers_every_item_stores_only_verified_chains_and_changes_nothing_when_sent_again";
  static final String ROOT = "sync-intake-fuzz-root.pem";
  /** After the seeds were signed (2026-12-03); fixed, so that they stay within the clock tolerance. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
  private static final String URL = "jdbc:h2:mem:sync-intake-fuzz;DB_CLOSE_DELAY=-1";
  private static final TrustStore TRUST;
  private static final JdbcGatewayStore STORE;
  private static final SyncIntake INTAKE;
  private static final Connection SQL;
  /** Certificate paths (their DER, a few KiB each, at most a few dozen distinct) the oracle found leading to the root. */
  private static final java.util.Set<String> VALID_PATHS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    try {
      TRUST = new TrustStore(TrustStore.certificates(Path.of(SyncIntakeFuzzTest.class.getResource(ROOT).toURI())),
          List.of());
      STORE = JdbcGatewayStore.open(new StoreSettings(URL, "", "", 2), CLOCK);
      // the registry's intake: no outbox behind it
      INTAKE = new SyncIntake(new Ingest(STORE, new UpdateCertificates(TRUST, CLOCK), CLOCK, false),
          SyncIntake.Limits.DEFAULT);
      SQL = DriverManager.getConnection(URL);
    } catch (SQLException | URISyntaxException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void answers_every_item_stores_only_verified_chains_and_changes_nothing_when_sent_again(byte[] body)
      throws SQLException {
    empty();
    List<SyncAck> first;
    try {
      first = INTAKE.receive(body, "fuzz");
    } catch (SyncFormatException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      assertThat(snapshot()).as("a refused body leaves nothing behind").isEqualTo(emptySnapshot());
      return;
    }
    List<byte[]> items = CborSequence.split(body, SyncIntake.Limits.DEFAULT.maxItems(),
        SyncIntake.Limits.DEFAULT.maxItemBytes());
    assertThat(first).hasSameSizeAs(items);
    Map<String, byte[]> stored = storedUpdates();
    int accepted = 0;
    for (int i = 0; i < items.size(); i++) {
      SyncAck ack = first.get(i);
      byte[] item = items.get(i);
      if (ack.status() == Status.ACCEPTED) {
        accepted++;
        String at = ack.passport().orElseThrow().elementString() + "/" + ack.seq().orElseThrow();
        assertThat(stored.get(at)).as("accepted item %d is stored byte for byte", i).isEqualTo(item);
      } else if (ack.status() == Status.REJECTED) {
        assertThat(quarantined(item)).as("rejected item %d (%s) is quarantined", i, ack.reason()).isTrue();
      } else {
        assertThat(stored.values()).as("a duplicate is of something stored").anyMatch(b -> Arrays.equals(b, item));
      }
    }
    assertThat(stored).as("nothing stored but what was accepted").hasSize(accepted);
    assertVerifiedChains(stored);

    List<String> before = snapshot();
    List<SyncAck> second = INTAKE.receive(body, "fuzz");
    assertThat(snapshot()).as("the same body again changes nothing").isEqualTo(before);
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      Status expected = first.get(i).status() == Status.REJECTED ? Status.REJECTED : Status.DUPLICATE;
      assertThat(second.get(i).status()).as("item %d again", i).isEqualTo(expected);
      assertThat(second.get(i).reason()).as("item %d again", i).isEqualTo(first.get(i).reason());
    }
  }

  /** Else the target would only ever see refusals: the seeds must still verify against the committed root. */
  @Test
  void the_seeds_of_honest_gateways_are_accepted_whole() throws Exception {
    Path seeds = Path.of(SyncIntakeFuzzTest.class.getResource("SyncIntakeFuzzTestInputs/" + METHOD).toURI());
    for (String seed : List.of("honest-batch", "two-packs-out-of-order")) {
      empty();
      List<SyncAck> acks = INTAKE.receive(Files.readAllBytes(seeds.resolve(seed)), "fuzz");
      assertThat(acks).as(seed).isNotEmpty().allMatch(a -> a.status() == Status.ACCEPTED, "accepted");
    }
  }

  /**
   * What the store holds, checked without the verifier: per passport seqs 0..head, each naming the
   * hash of the one before (genesis for the birth), the head row naming the last; each signed by the
   * key of its own x5chain or the one last announced for its kid, a chain that leads to the root at the
   * update's time; the birth by a passport signer, the rest by the device certificate naming the passport.
   */
  private static void assertVerifiedChains(Map<String, byte[]> stored) throws SQLException {
    Map<String, List<SignedUpdate>> chains = new HashMap<>();
    for (byte[] bytes : stored.values()) {
      SignedUpdate u = SignedUpdate.parse(bytes);
      chains.computeIfAbsent(u.payload().passportId().elementString(), k -> new ArrayList<>()).add(u);
    }
    for (Map.Entry<String, List<SignedUpdate>> chain : chains.entrySet()) {
      List<SignedUpdate> updates = chain.getValue();
      updates.sort((x, y) -> Long.compare(x.payload().seq(), y.payload().seq()));
      byte[] prev = UpdatePayload.genesis();
      Map<String, List<byte[]>> announced = new HashMap<>();
      for (int seq = 0; seq < updates.size(); seq++) {
        SignedUpdate u = updates.get(seq);
        assertThat(u.payload().seq()).isEqualTo(seq);
        assertThat(u.payload().prev()).as("seq %d names the hash of the one before", seq).isEqualTo(prev);
        prev = u.hash();
        List<byte[]> der = u.cose().certificateChain();
        if (der.isEmpty()) {
          der = announced.get(u.kid().toString());
          assertThat(der).as("seq %d names a kid announced before it", seq).isNotNull();
        } else {
          announced.put(u.kid().toString(), der);
        }
        List<X509Certificate> certificates = TrustStore.fromDer(der);
        String path = HexFormat.of().formatHex(CborSequence.join(der));
        if (VALID_PATHS.add(path)) { // path validation is the slow part: once per chain (validity dates below)
          TRUST.validate(certificates, certificates.get(0).getNotBefore().toInstant(), false);
        }
        for (X509Certificate c : certificates) {
          assertThat(u.payload().time()).as("seq %d within its certificates' validity", seq)
              .isBetween(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
        }
        X509Certificate leaf = certificates.get(0);
        VerificationKey key = VerificationKey.fromSubjectPublicKeyInfo(leaf.getPublicKey().getEncoded());
        assertThat(key.keyId()).isEqualTo(u.kid());
        assertThat(u.cose().verify(key)).as("seq %d is signed by its certificate's key", seq).isTrue();
        if (u.payload().kind() == UpdateKind.BIRTH) {
          assertThat(RoleCertificates.isPassportSigner(leaf)).isTrue();
        } else {
          assertThat(RoleCertificates.passportsOf(leaf)).containsExactly(PassportId.parseElementString(chain.getKey()));
        }
      }
      try (Statement s = SQL.createStatement();
          ResultSet r = s.executeQuery("SELECT head_seq, head_hash FROM passports WHERE id = '" + chain.getKey() + "'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getLong(1)).isEqualTo(updates.size() - 1);
        assertThat(r.getBytes(2)).isEqualTo(prev);
      }
    }
    assertThat(count("SELECT COUNT(*) FROM passports")).as("no passport without its chain").isEqualTo(chains.size());
  }

  private static void empty() throws SQLException {
    try (Statement s = SQL.createStatement()) {
      for (String table : List.of("registry_log", "announced_keys", "soh_readings", "outbox", "updates", "passports",
          "quarantine", "agents")) {
        s.executeUpdate("DELETE FROM " + table);
      }
    }
  }

  /** passport/seq to the stored bytes. */
  private static Map<String, byte[]> storedUpdates() throws SQLException {
    Map<String, byte[]> out = new HashMap<>();
    try (Statement s = SQL.createStatement();
        ResultSet r = s.executeQuery("SELECT passport_id, seq, cose FROM updates")) {
      while (r.next()) {
        out.put(r.getString(1) + "/" + r.getLong(2), r.getBytes(3));
      }
    }
    return out;
  }

  private static boolean quarantined(byte[] item) throws SQLException {
    try (var s = SQL.prepareStatement("SELECT COUNT(*) FROM quarantine WHERE bytes = ?")) {
      s.setBytes(1, item);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    }
  }

  /** Everything the intake may change, except a quarantine row's repeat count and arrival times. */
  private static List<String> snapshot() throws SQLException {
    List<String> rows = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    try (Statement s = SQL.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT id, head_seq, head_hash, passport FROM passports ORDER BY id")) {
        while (r.next()) {
          rows.add("passport " + r.getString(1) + " " + r.getLong(2) + " " + hex.formatHex(r.getBytes(3)) + " "
              + Arrays.hashCode(r.getBytes(4)));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT passport_id, seq, hash FROM updates ORDER BY passport_id, seq")) {
        while (r.next()) {
          rows.add("update " + r.getString(1) + " " + r.getLong(2) + " " + hex.formatHex(r.getBytes(3)));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT reason, digest FROM quarantine ORDER BY id")) {
        while (r.next()) {
          rows.add("quarantine " + r.getString(1) + " " + hex.formatHex(r.getBytes(2)));
        }
      }
    }
    for (String table : List.of("announced_keys", "soh_readings", "outbox", "registry_log")) {
      rows.add(table + " " + count("SELECT COUNT(*) FROM " + table));
    }
    return rows;
  }

  private static List<String> emptySnapshot() {
    return List.of("announced_keys 0", "soh_readings 0", "outbox 0", "registry_log 0");
  }

  private static long count(String sql) throws SQLException {
    try (Statement s = SQL.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}

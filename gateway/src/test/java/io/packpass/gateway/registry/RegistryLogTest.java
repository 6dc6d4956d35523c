package io.packpass.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.cose.Signer;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Role;
import io.packpass.core.passport.Route;
import io.packpass.core.passport.StatusRecord;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.UpdateBody;
import io.packpass.gateway.testing.EmbeddedPostgresServer;
import io.packpass.gateway.testing.RegistryFixture;
import io.packpass.gateway.testing.TestPack;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status changes, closure and decisions through the registry's API on a real PostgreSQL: signed by
 * role certificates, appended to the per-passport log at its head, refused with the reason otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private RegistryFixture registry;

  @BeforeAll
  void start(@TempDir Path dir) {
    registry = RegistryFixture.start(dir, Optional.of(EmbeddedPostgresServer.newDatabase()),
        "  anonymousBurst: 100000\n");
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  private TestPack registered(int readings) {
    TestPack pack = registry.pki.pack();
    registry.sync(pack.upTo(readings));
    return pack;
  }

  private record Heads(long headSeq, byte[] headHash, long logSeq, byte[] logHash) {
  }

  private Heads heads(PassportId id) {
    HttpResponse<byte[]> r = registry.get("/api/v1/passports" + RegistryFixture.path(id), Optional.of(Role.AUTHORITY));
    return new Heads(Long.parseLong(r.headers().firstValue("PackPass-Head-Seq").orElseThrow()),
        HexFormat.of().parseHex(r.headers().firstValue("PackPass-Head-Hash").orElseThrow()),
        Long.parseLong(r.headers().firstValue("PackPass-Log-Seq").orElseThrow()),
        r.headers().firstValue("PackPass-Log-Hash").map(HexFormat.of()::parseHex).orElse(LogEntry.genesis()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private LogEntry status(Signer signer, String actor, PassportId id, BatteryStatus status,
      Optional<PassportId> successor, Optional<String> responsible) {
    Instant t = now();
    Heads h = heads(id);
    return LogEntry.sign(signer, new LogEntry.Payload(id, h.logSeq() + 1, h.logHash(), t, LogKind.STATUS,
        UpdateBody.status(new StatusRecord(status, t, actor), successor), h.headSeq(), h.headHash(), Optional.empty(),
        responsible));
  }

  private LogEntry status(Role role, PassportId id, BatteryStatus status, Optional<String> responsible) {
    return status(registry.signer(role), registry.subject(role), id, status, Optional.empty(), responsible);
  }

  private LogEntry closure(Role role, PassportId id) {
    Heads h = heads(id);
    return LogEntry.sign(registry.signer(role), new LogEntry.Payload(id, h.logSeq() + 1, h.logHash(), now(),
        LogKind.CLOSURE, Cbor.Map.of(java.util.Map.of(Cbor.of(1), Cbor.of("Recycling Plant Hagen"))), h.headSeq(),
        h.headHash(), Optional.empty(), Optional.empty()));
  }

  private JsonNode submit(PassportId id, LogEntry entry, int expectedStatus) throws Exception {
    HttpResponse<byte[]> r = registry.post("/api/v1/passports" + RegistryFixture.path(id) + "/log",
        Optional.of(Role.REPAIRER), "application/cose", entry.encoded());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
    return JSON.readTree(r.body());
  }

  private JsonNode view(PassportId id) throws Exception {
    return JSON.readTree(registry.get("/api/v1/passports" + RegistryFixture.path(id), Optional.of(Role.AUTHORITY)).body());
  }

  @Test
  void re_use_declared_by_a_repairer_keeps_the_passport_and_joins_its_status_history() throws Exception {
    TestPack pack = registered(3);
    LogEntry entry = status(Role.REPAIRER, pack.id, BatteryStatus.RE_USED, Optional.empty());
    assertThat(submit(pack.id, entry, 201).get("seq").asLong()).isZero();
    JsonNode v = view(pack.id);
    assertThat(v.get("statusHistory")).extracting(s -> s.get("status").asText()).containsExactly("ORIGINAL", "RE_USED");
    assertThat(submit(pack.id, entry, 200).get("status").asText()).as("the same bytes again").isEqualTo("duplicate");
    // the device chain goes on: the agent's next reading is not forked by the log
    registry.sync(List.of(pack.next()));
    assertThat(heads(pack.id).headSeq()).isEqualTo(4);
    assertThat(view(pack.id).get("statusHistory")).hasSize(2);
    JsonNode log = JSON.readTree(registry.get("/api/v1/passports" + RegistryFixture.path(pack.id) + "/log",
        Optional.of(Role.GRADER)).body());
    assertThat(log.get("result").get(0).get("actorRole").asText()).isEqualTo("repairer");
    assertThat(log.get("result").get(0).get("basisSeq").asLong()).isEqualTo(3);
  }

  @Test
  void an_entry_that_is_not_at_the_head_of_the_log_is_a_conflict_naming_the_head() throws Exception {
    TestPack pack = registered(1);
    LogEntry first = status(Role.REPAIRER, pack.id, BatteryStatus.RE_USED, Optional.empty());
    LogEntry rival = status(Role.GRADER, pack.id, BatteryStatus.RE_USED, Optional.empty());
    submit(pack.id, first, 201);
    JsonNode answer = submit(pack.id, rival, 409);
    assertThat(answer.get("reason").asText()).isEqualTo("conflict");
    assertThat(answer.get("detail").asText()).contains("is at seq 0");
  }

  @Test
  void a_role_that_may_not_make_the_change_is_refused_with_the_rule() throws Exception {
    TestPack pack = registered(1);
    JsonNode answer = submit(pack.id, status(Role.RECYCLER, pack.id, BatteryStatus.RE_USED, Optional.empty()), 403);
    assertThat(answer.get("reason").asText()).isEqualTo("not-entitled");
    assertThat(answer.get("detail").asText()).contains("repairer or a grader");
    assertThat(heads(pack.id).logSeq()).isEqualTo(-1);
  }

  @Test
  void waste_names_the_responsible_operator_and_recycling_closes_the_passport_which_stays_readable() throws Exception {
    TestPack pack = registered(2);
    assertThat(submit(pack.id, status(Role.RECYCLER, pack.id, BatteryStatus.WASTE, Optional.empty()), 400)
        .get("detail").asText()).contains("responsible");
    JsonNode early = submit(pack.id, closure(Role.RECYCLER, pack.id), 422);
    assertThat(early.get("detail").asText()).contains("only a waste battery is recycled");
    submit(pack.id, status(Role.RECYCLER, pack.id, BatteryStatus.WASTE, Optional.of("Recycling Plant Hagen GmbH")), 201);
    submit(pack.id, closure(Role.RECYCLER, pack.id), 201);
    JsonNode after = submit(pack.id, status(Role.REPAIRER, pack.id, BatteryStatus.RE_USED, Optional.empty()), 422);
    assertThat(after.get("reason").asText()).isEqualTo("illegal-transition");
    assertThat(after.get("detail").asText()).contains("closed", "history");
    HttpResponse<byte[]> page = registry.get(RegistryFixture.path(pack.id), Optional.empty(), "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Closed: recycled", "kept as history");
    assertThat(page.headers().firstValue("PackPass-Record-State")).contains("closed");
  }

  @Test
  void repurposing_links_a_registered_successor_and_the_old_record_takes_no_more_changes() throws Exception {
    TestPack old = registered(2);
    Signer signer = registry.pki.ca.passportSigner();
    String signerSubject = registry.pki.ca.passportSignerCertificate().getSubjectX500Principal().getName();
    PassportId newId = registry.pki.newPassportId();
    JsonNode early = submit(old.id, status(signer, signerSubject, old.id, BatteryStatus.REPURPOSED, Optional.of(newId),
        Optional.empty()), 422);
    assertThat(early.get("detail").asText()).contains("not registered");
    TestPack successor = registry.pki.pack(newId, SamplePassports.stationaryModel(), SamplePassports.stationaryItem(),
        List.of(old.id));
    HttpResponse<byte[]> birth = registry.post("/api/v1/passports", Optional.of(Role.REPAIRER), "application/cose",
        successor.birth().encoded());
    assertThat(birth.statusCode()).isEqualTo(201);
    assertThat(submit(old.id, status(Role.GRADER, old.id, BatteryStatus.REPURPOSED, Optional.empty()), 400)
        .get("detail").asText()).as("core's fold wants the successor").contains("successor");
    submit(old.id, status(signer, signerSubject, old.id, BatteryStatus.REPURPOSED, Optional.of(newId), Optional.empty()),
        201);
    assertThat(view(old.id).get("successors").get(0).asText()).isEqualTo(newId.elementString());
    assertThat(view(newId).get("predecessors").get(0).asText()).isEqualTo(old.id.elementString());
    assertThat(submit(old.id, status(Role.RECYCLER, old.id, BatteryStatus.WASTE, Optional.of("X")), 422)
        .get("detail").asText()).contains("new passport");
  }

  @Test
  void a_decision_without_the_fresh_reading_it_rests_on_is_refused() throws Exception {
    TestPack pack = registered(2);
    Heads h = heads(pack.id);
    Instant t = now();
    Decision d = new Decision(Route.REUSE, "A", List.of(new Decision.Reason("soh-band", "98 %")), "packpass-grading/1",
        registry.subject(Role.GRADER), t, Optional.of(9_800L));
    LogEntry entry = LogEntry.sign(registry.signer(Role.GRADER), new LogEntry.Payload(pack.id, 0, LogEntry.genesis(), t,
        LogKind.DECISION, UpdateBody.decision(d), h.headSeq(), h.headHash(), Optional.empty(), Optional.empty()));
    assertThat(submit(pack.id, entry, 422).get("reason").asText()).isEqualTo("bad-evidence");
    // a reading without a nonce is not fresh either
    LogEntry stale = LogEntry.sign(registry.signer(Role.GRADER), new LogEntry.Payload(pack.id, 0, LogEntry.genesis(), t,
        LogKind.DECISION, UpdateBody.decision(d), 2, pack.at(2).hash(), Optional.of(pack.at(2).encoded()),
        Optional.empty()));
    assertThat(submit(pack.id, stale, 422).get("detail").asText()).contains("no nonce");
  }

  @Test
  void entries_by_another_manufacturer_s_pki_or_based_on_an_update_the_registry_does_not_hold_are_refused()
      throws Exception {
    TestPack pack = registered(2);
    Signer foreign = registry.pki.foreign.passportSigner();
    JsonNode answer = submit(pack.id, status(foreign, "CN=x", pack.id, BatteryStatus.RE_USED, Optional.empty(),
        Optional.empty()), 403);
    assertThat(answer.get("reason").asText()).isEqualTo("untrusted-certificate");
    Instant t = now();
    LogEntry wrongBasis = LogEntry.sign(registry.signer(Role.REPAIRER), new LogEntry.Payload(pack.id, 0,
        LogEntry.genesis(), t, LogKind.STATUS, UpdateBody.status(new StatusRecord(BatteryStatus.RE_USED, t,
            registry.subject(Role.REPAIRER)), Optional.empty()), 1, pack.forkAt(1, 5_000).hash(), Optional.empty(),
        Optional.empty()));
    assertThat(submit(pack.id, wrongBasis, 422).get("reason").asText()).isEqualTo("basis-mismatch");
    HttpResponse<byte[]> garbage = registry.post("/api/v1/passports" + RegistryFixture.path(pack.id) + "/log",
        Optional.of(Role.REPAIRER), "application/cose", new byte[] {1, 2, 3});
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(registry.post("/api/v1/passports" + RegistryFixture.path(pack.id) + "/log", Optional.empty(),
        "application/cose", new byte[] {1}).statusCode()).isEqualTo(401);
  }
}

package io.packpass.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Role;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.testing.RegistryFixture;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.token.BearerTokens;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The registry's resolver and API over real HTTPS on loopback, with real role certificates and tokens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Optional<Role> ANONYMOUS = Optional.empty();
  private static final Optional<Role> GRADER = Optional.of(Role.GRADER);

  private RegistryFixture registry;
  private TestPack ev;
  private final List<TestPack> generated = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    registry = RegistryFixture.start(dir, Optional.empty(), "  anonymousPerMinute: 1000000\n  anonymousBurst: 1000000\n");
    ev = registry.pki.pack();
    List<SignedUpdate> updates = new ArrayList<>(ev.upTo(12));
    updates.add(ev.nextEvent(EventType.DEEP_DISCHARGE, "lowest cell 2810 mV below 2900 mV"));
    registry.sync(updates);
    // generated passports: the three sample models, seeded readings and events with distinctive texts
    Random random = new Random(20261203);
    List<Model> models = List.of(SamplePassports.evModel(), SamplePassports.lmtModel(), SamplePassports.stationaryModel());
    List<Item> items = List.of(SamplePassports.evItem(), SamplePassports.lmtItem(), SamplePassports.stationaryItem());
    for (int i = 0; i < 9; i++) {
      TestPack pack = registry.pki.pack(registry.pki.newPassportId(), models.get(i % 3), items.get(i % 3), List.of());
      List<SignedUpdate> chain = new ArrayList<>();
      chain.add(pack.birth());
      int readings = 1 + random.nextInt(6);
      long cycles = 0;
      long soh = 9_900;
      for (int r = 0; r < readings; r++) {
        cycles += random.nextInt(200);
        soh -= random.nextInt(300);
        chain.add(pack.nextReading(SamplePassports.evReading(TestPack.timeOf(r + 1), soh, cycles), r > 0));
      }
      chain.add(pack.nextEvent(EventType.values()[random.nextInt(EventType.values().length)],
          "restricted-event-" + Long.toHexString(random.nextLong())));
      registry.sync(chain);
      generated.add(pack);
    }
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void the_qr_url_answers_a_page_for_people_and_json_cbor_and_catena_x_for_machines() throws Exception {
    String path = RegistryFixture.path(ev.id);
    HttpResponse<byte[]> page = registry.get(path, ANONYMOUS, "Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(text(page)).contains("Voltaris EV75", "Li-ion NMC", "450.0 kg", "ABC powder", "Passport record:");

    HttpResponse<byte[]> json = registry.get(path, ANONYMOUS, "Accept", "application/json");
    assertThat(JSON.readTree(json.body()).get("id").asText()).isEqualTo(ev.id.elementString());
    assertThat(json.headers().firstValue("PackPass-Head-Seq")).contains("13");

    HttpResponse<byte[]> cbor = registry.get(path, ANONYMOUS, "Accept", "application/cbor");
    assertThat(Passport.decode(cbor.body()).id()).isEqualTo(ev.id);

    HttpResponse<byte[]> cx = registry.get(path + "?format=catena-x", GRADER);
    assertThat(JSON.readTree(cx.body()).has("metadata")).isTrue();
    assertThat(cx.headers().firstValue("PackPass-Export-Missing")).isPresent();

    HttpResponse<byte[]> other = registry.get(path, ANONYMOUS, "Accept", "image/png");
    assertThat(other.statusCode()).isEqualTo(406);
  }

  @Test
  void a_repeated_request_with_the_etag_is_answered_not_modified() {
    String path = RegistryFixture.path(ev.id);
    HttpResponse<byte[]> first = registry.get(path, ANONYMOUS, "Accept", "application/json");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(registry.get(path, ANONYMOUS, "Accept", "application/json", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(registry.get(path, GRADER, "Accept", "application/json", "If-None-Match", etag).statusCode())
        .as("another role sees another view").isEqualTo(200);
  }

  @Test
  void the_latest_signed_update_is_served_as_cose_to_roles_only() {
    String path = RegistryFixture.path(ev.id);
    assertThat(registry.get(path, ANONYMOUS, "Accept", "application/cose").statusCode()).isEqualTo(401);
    HttpResponse<byte[]> cose = registry.get(path, GRADER, "Accept", "application/cose");
    assertThat(cose.statusCode()).isEqualTo(200);
    assertThat(cose.body()).isEqualTo(ev.at(13).encoded());
  }

  @Test
  void unknown_ids_get_a_helpful_404_page_and_a_wrong_check_digit_is_named() {
    HttpResponse<byte[]> unknown = registry.get("/01/09521234000013/21/NO-SUCH-PACK", ANONYMOUS, "Accept", "text/html");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(text(unknown)).contains("Passport not found", "(01)09521234000013(21)NO-SUCH-PACK",
        "Check the digits against the label");
    HttpResponse<byte[]> digit = registry.get("/01/09521234000014/21/X", ANONYMOUS, "Accept", "text/html");
    assertThat(digit.statusCode()).isEqualTo(404);
    assertThat(text(digit)).containsIgnoringCase("check digit");
    HttpResponse<byte[]> api = registry.get("/api/v1/passports/01/09521234000013/21/NO-SUCH-PACK", ANONYMOUS);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
  }

  @Test
  void no_restricted_field_reaches_an_anonymous_caller_in_any_representation_of_generated_passports() throws Exception {
    List<TestPack> packs = new ArrayList<>(generated);
    packs.add(ev);
    for (TestPack pack : packs) {
      String path = RegistryFixture.path(pack.id);
      Set<String> restricted = restrictedTexts(pack.id);
      assertThat(restricted).as("the passport has restricted texts to look for").isNotEmpty();
      List<String> anonymous = List.of(
          text(registry.get(path, ANONYMOUS, "Accept", "text/html")),
          text(registry.get(path, ANONYMOUS, "Accept", "application/json")),
          new String(registry.get(path, ANONYMOUS, "Accept", "application/cbor").body(), StandardCharsets.ISO_8859_1),
          text(registry.get(path + "?format=catena-x", ANONYMOUS)),
          text(registry.get("/api/v1/passports" + path + "/label.svg", ANONYMOUS)));
      for (String body : anonymous) {
        for (String secret : restricted) {
          assertThat(body).as(pack.id + " must not show '" + secret + "'").doesNotContain(secret)
              .doesNotContain(html(secret));
        }
      }
      for (String gated : List.of("/updates", "/soh", "/log", "/decisions")) {
        assertThat(registry.get("/api/v1/passports" + path + gated, ANONYMOUS).statusCode()).isEqualTo(401);
      }
    }
  }

  /** Texts the authority may read that are not in the public view: what an anonymous answer must never carry. */
  private Set<String> restrictedTexts(PassportId id) throws Exception {
    String path = RegistryFixture.path(id);
    Set<String> all = leaves(JSON.readTree(registry.get(path, Optional.of(Role.AUTHORITY), "Accept",
        "application/json").body()));
    Set<String> open = leaves(JSON.readTree(registry.get(path, ANONYMOUS, "Accept", "application/json").body()));
    Set<String> out = new HashSet<>();
    for (String s : all) {
      if (!open.contains(s) && s.length() >= 6 && open.stream().noneMatch(o -> o.contains(s))) {
        out.add(s);
      }
    }
    return out;
  }

  private static Set<String> leaves(JsonNode node) {
    Set<String> out = new HashSet<>();
    if (node.isTextual()) {
      out.add(node.textValue());
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      out.addAll(leaves(it.next()));
    }
    return out;
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
        .replace("'", "&#39;");
  }

  @Test
  void a_grader_certificate_opens_the_restricted_sections_and_the_history() throws Exception {
    String path = RegistryFixture.path(ev.id);
    String page = text(registry.get(path, GRADER, "Accept", "text/html"));
    assertThat(page).contains("NMC 811 cathode active material", "dismantling-manual.pdf", "Disconnect the service plug",
        "lowest cell 2810 mV", "<svg class=\"chart\"", "You see the <strong>grader</strong> view");
    String anonymous = text(registry.get(path, ANONYMOUS, "Accept", "text/html"));
    assertThat(anonymous).contains("Restricted.", "Sign in").doesNotContain("NMC 811", "<svg class=\"chart\"");
    JsonNode json = JSON.readTree(registry.get(path, GRADER, "Accept", "application/json").body());
    assertThat(json.has("condition")).isTrue();
  }

  @Test
  void a_bearer_token_signed_by_a_role_credential_grants_that_role() throws Exception {
    String path = RegistryFixture.path(ev.id);
    String token = BearerTokens.issue(registry.signer(Role.RECYCLER), RegistryFixture.RESOLVER, Instant.now(),
        Duration.ofMinutes(10), new SecureRandom());
    HttpResponse<byte[]> r = registry.get(path, ANONYMOUS, "Accept", "application/json", "Authorization", "Bearer " + token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).has("condition")).isTrue();
  }

  @Test
  void a_token_for_another_audience_expired_or_from_another_pki_is_refused_with_401() {
    String path = RegistryFixture.path(ev.id);
    SoftwareSigner recycler = registry.signer(Role.RECYCLER);
    String otherAudience = BearerTokens.issue(recycler, "https://other.example", Instant.now(), Duration.ofMinutes(5),
        new SecureRandom());
    String expired = BearerTokens.issue(recycler, RegistryFixture.RESOLVER, Instant.now().minus(Duration.ofHours(2)),
        Duration.ofHours(1), new SecureRandom());
    SoftwareSigner foreign = SoftwareSigner.fromPkcs8(registry.pki.foreign.passportSigner().pkcs8())
        .withCertificateChain(registry.pki.foreign.passportSigner().certificateChain());
    String foreignToken = BearerTokens.issue(foreign, RegistryFixture.RESOLVER, Instant.now(), Duration.ofMinutes(5),
        new SecureRandom());
    for (String token : List.of(otherAudience, expired, foreignToken, "not-a-token")) {
      HttpResponse<byte[]> r = registry.get(path, ANONYMOUS, "Accept", "application/json", "Authorization",
          "Bearer " + token);
      assertThat(r.statusCode()).as(token).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }
  }

  @Test
  void the_device_chain_is_paged_with_an_opaque_cursor() throws Exception {
    String base = "/api/v1/passports" + RegistryFixture.path(ev.id) + "/updates?limit=5";
    List<Long> seqs = new ArrayList<>();
    String url = base;
    for (int page = 0; page < 10; page++) {
      JsonNode body = JSON.readTree(registry.get(url, GRADER).body());
      body.get("result").forEach(u -> seqs.add(u.get("seq").asLong()));
      JsonNode cursor = body.get("paging_metadata").get("cursor");
      if (cursor == null) {
        break;
      }
      url = base + "&cursor=" + cursor.asText();
    }
    assertThat(seqs).hasSize(14).startsWith(0L, 1L).endsWith(13L);
    assertThat(registry.get(base.replace("limit=5", "limit=0"), GRADER).statusCode()).isEqualTo(400);
    assertThat(registry.get(base + "&cursor=xyz", GRADER).statusCode()).isEqualTo(400);
  }

  @Test
  void passport_text_cannot_inject_markup_into_the_page() throws Exception {
    Model m = SamplePassports.evModel();
    Model evil = new Model(m.manufacturer(), "<script>alert('x')</script>", m.category(), m.chemistry(), m.massGrams(),
        m.performance(), m.hazardousSubstances(), m.criticalRawMaterials(), m.recycledContent(),
        m.renewableContentCpct(), m.carbonFootprintGramsPerKwh(), m.carbonFootprintClass(), List.of("\"><img src=x>"),
        Optional.of("javascript:alert(1)"), m.dueDiligenceReport(), m.endOfLifeInformation(), m.labelSymbols(),
        m.composition(), List.of("javascript:alert(2)"), m.sparePartSources(), m.safetyMeasures(), m.testReports(),
        m.carbonFootprintStages(), m.carbonFootprintStudy(), m.labelsInformation(), m.heavyMetals());
    TestPack pack = registry.pki.pack(registry.pki.newPassportId(), evil, SamplePassports.evItem(), List.of());
    registry.sync(List.of(pack.birth()));
    for (Optional<Role> role : List.of(ANONYMOUS, GRADER)) {
      String page = text(registry.get(RegistryFixture.path(pack.id), role, "Accept", "text/html"));
      assertThat(page).doesNotContain("<script>", "<img src=x>", "href=\"javascript:")
          .contains("&lt;script&gt;alert('x')&lt;/script&gt;");
    }
  }

  @Test
  void the_openapi_document_lists_every_route_the_server_answers() throws Exception {
    JsonNode doc = JSON.readTree(registry.get(RegistryRoutes.OPENAPI, ANONYMOUS).body());
    assertThat(doc.get("openapi").asText()).startsWith("3.1");
    Set<String> paths = new HashSet<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/01/{gtin}/21/{serial}", "/api/v1/passports", "/api/v1/passports/01/{gtin}/21/{serial}",
        "/api/v1/passports/01/{gtin}/21/{serial}/updates", "/api/v1/passports/01/{gtin}/21/{serial}/soh",
        "/api/v1/passports/01/{gtin}/21/{serial}/log", "/api/v1/passports/01/{gtin}/21/{serial}/decisions",
        "/api/v1/passports/01/{gtin}/21/{serial}/status", "/api/v1/passports/01/{gtin}/21/{serial}/label.svg",
        "/api/v1/passports/01/{gtin}/21/{serial}/export/catena-x", "/api/v1/sync", "/api/v1/openapi.json");
    OpenApiAnswers answers = new OpenApiAnswers(doc);
    String item = "/api/v1/passports" + RegistryFixture.path(ev.id);
    answers.check("PassportList", registry.get("/api/v1/passports?limit=3", GRADER).body());
    answers.check("UpdateList", registry.get(item + "/updates?limit=3", GRADER).body());
    answers.check("SohList", registry.get(item + "/soh", GRADER).body());
    answers.check("LogList", registry.get(item + "/log", GRADER).body());
    answers.check("Passport", registry.get(item, GRADER).body());
    answers.check("Passport", registry.get(item, ANONYMOUS).body());
    answers.check("Problem", registry.get("/api/v1/passports/01/09521234000013/21/NONE", ANONYMOUS).body());
  }

  @Test
  void anonymous_callers_are_rate_limited_per_address_and_told_when_to_come_back(@TempDir Path other) {
    try (RegistryFixture small = RegistryFixture.start(other, Optional.empty(),
        "  anonymousPerMinute: 6\n  anonymousBurst: 3\n")) {
      TestPack pack = small.pki.pack();
      small.sync(List.of(pack.birth()));
      String path = RegistryFixture.path(pack.id);
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        codes.add(small.get(path, ANONYMOUS, "Accept", "application/json").statusCode());
      }
      assertThat(codes).containsExactly(200, 200, 200, 429, 429);
      HttpResponse<byte[]> limited = small.get(path, ANONYMOUS, "Accept", "application/json");
      assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 10L);
      assertThat(small.get(path, GRADER, "Accept", "application/json").statusCode())
          .as("a signed-in caller is not limited").isEqualTo(200);
    }
  }

  @Test
  void a_token_pasted_on_the_sign_in_page_sets_a_cookie_that_opens_the_role_view() throws Exception {
    String token = BearerTokens.issue(registry.signer(Role.DISMANTLER), RegistryFixture.RESOLVER, Instant.now(),
        Duration.ofMinutes(10), new SecureRandom());
    String path = RegistryFixture.path(ev.id);
    HttpResponse<byte[]> signIn = registry.post("/session", ANONYMOUS, "application/x-www-form-urlencoded",
        ("token=" + token + "&next=" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
    assertThat(signIn.statusCode()).isEqualTo(303);
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "Secure").containsIgnoringCase("SameSite=Strict");
    String page = text(registry.get(path, ANONYMOUS, "Accept", "text/html", "Cookie", cookie.split(";")[0]));
    assertThat(page).contains("You see the <strong>dismantler</strong> view", "dismantling-manual.pdf");
    assertThat(registry.get("/api/v1/passports" + path + "/updates", ANONYMOUS, "Cookie", cookie.split(";")[0])
        .statusCode()).as("the API never reads the sign-in cookie").isEqualTo(401);
    HttpResponse<byte[]> bad = registry.post("/session", ANONYMOUS, "application/x-www-form-urlencoded",
        "token=garbage&next=/".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(text(bad)).contains("Sign in with a role token");
  }

  @Test
  void a_pasted_address_is_resolved_and_the_sync_intake_still_wants_a_fleet_certificate() {
    HttpResponse<byte[]> r = registry.get("/resolve?link=" + java.net.URLEncoder.encode(
        ev.id.digitalLink(RegistryFixture.RESOLVER), StandardCharsets.UTF_8), ANONYMOUS);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location").orElseThrow()).isEqualTo(RegistryFixture.path(ev.id));
    assertThat(registry.post("/api/v1/sync", ANONYMOUS, "application/cbor-seq", ev.birth().encoded()).statusCode())
        .isEqualTo(401);
    assertThat(registry.post("/api/v1/sync", GRADER, "application/cbor-seq", ev.birth().encoded()).statusCode())
        .isEqualTo(403);
  }
}

package io.packpass.gateway.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.packpass.core.export.CatenaXExport;
import io.packpass.core.export.ExportContext;
import io.packpass.core.export.ExportResult;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Role;
import io.packpass.core.passport.Tier;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.gateway.actor.Actor;
import io.packpass.gateway.registry.LogKind;
import io.packpass.gateway.registry.LogRefusal;
import io.packpass.gateway.registry.LogResult;
import io.packpass.gateway.registry.RegistryService;
import io.packpass.gateway.store.LogRow;
import io.packpass.gateway.store.PassportRecord;
import io.packpass.gateway.store.SohSample;
import io.packpass.gateway.store.StoredUpdate;
import io.packpass.gateway.token.BearerTokens;
import io.packpass.gateway.token.TokenException;
import io.packpass.gateway.verify.IngestResult;
import io.packpass.gateway.web.PassportPage;
import io.packpass.gateway.web.Pages;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The registry's resolver, REST API v1 and pages (docs/registry.md, the OpenAPI document at
 * {@value #OPENAPI}). Every representation of a passport is made from core's role view
 * ({@link RegistryService#view}), whatever the format. Callers are authenticated by TLS client
 * certificate, bearer token or (pages only) the sign-in cookie; anonymous callers get the public tier
 * and a token bucket per address.
 */
public final class RegistryRoutes {
  public static final String OPENAPI = "/api/v1/openapi.json";
  static final String API = "/api/v1/passports";
  static final String ITEM = "/01/{gtin}/21/{serial}";
  static final String COOKIE = "packpass_token";
  static final String CALLER = "packpass.caller";
  /** Where Jetty puts the client's certificate chain (Servlet 6). */
  private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";
  static final String COSE = "application/cose";
  static final String CATENA_X = "application/vnd.catenax.battery-pass+json";
  static final int MAX_ENTRY_BYTES = 64 * 1024;
  static final int DEFAULT_PAGE = 100;
  static final int SOH_PLOT_POINTS = 500;
  /** API envelopes keep their empty members ({@code "paging_metadata": {}} on the last page), unlike passport views. */
  private static final com.fasterxml.jackson.databind.ObjectMapper ENVELOPE =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final RegistryService service;
  private final BearerTokens tokens;
  private final AnonymousRateLimit rateLimit;
  private final Pages pages;
  private final Clock clock;
  private final byte[] openApi;
  private final byte[] css = Pages.stylesheet();

  /** @param openApi the OpenAPI document as JSON */
  public RegistryRoutes(RegistryService service, BearerTokens tokens, int anonymousPerMinute, int anonymousBurst,
      Pages pages, Clock clock, byte[] openApi) {
    this.service = service;
    this.tokens = tokens;
    this.rateLimit = new AnonymousRateLimit(anonymousPerMinute, anonymousBurst, System::nanoTime);
    this.pages = pages;
    this.clock = clock;
    this.openApi = openApi.clone();
  }

  void register(RoutesConfig routes) {
    routes.before(this::authenticate);
    routes.get("/", this::home);
    routes.get("/resolve", this::resolvePasted);
    routes.get("/assets/registry.css", ctx -> ctx.contentType("text/css; charset=utf-8")
        .header("Cache-Control", "public, max-age=3600").result(css));
    routes.get("/session", ctx -> html(ctx, 200, pages.signIn(next(ctx.queryParam("next")), "")));
    routes.post("/session", this::signIn);
    routes.post("/session/end", this::signOut);
    routes.get(ITEM, this::resolve);
    routes.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
    routes.get(API, this::list);
    routes.post(API, this::submitBirth);
    routes.get(API + ITEM, ctx -> representation(ctx, record(ctx), Optional.of(formatOf(ctx, Format.JSON))));
    routes.get(API + ITEM + "/updates", this::updates);
    routes.get(API + ITEM + "/soh", this::soh);
    routes.get(API + ITEM + "/log", ctx -> log(ctx, Optional.ofNullable(ctx.queryParam("kind")).map(k -> kindOf(k))));
    routes.get(API + ITEM + "/decisions", ctx -> log(ctx, Optional.of(LogKind.DECISION)));
    routes.get(API + ITEM + "/status", ctx -> log(ctx, Optional.of(LogKind.STATUS)));
    routes.post(API + ITEM + "/log", this::submitLog);
    routes.get(API + ITEM + "/label.svg", this::label);
    routes.get(API + ITEM + "/export/catena-x", ctx -> representation(ctx, record(ctx), Optional.of(Format.CATENA_X)));
  }

  // ------------------------------------------------------------------------------------- callers

  private void authenticate(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    ctx.header("Vary", "Accept, Authorization, Cookie");
    Caller caller = caller(ctx);
    ctx.attribute(CALLER, caller);
    if (caller.isAnonymous() && !ctx.path().equals("/api/v1/sync")) {
      OptionalLong wait = rateLimit.take(ctx.ip());
      if (wait.isPresent()) {
        throw new HttpProblem(429, "too many requests without credentials from " + ctx.ip() + "; try again in "
            + wait.getAsLong() + " s, or sign in", Long.toString(wait.getAsLong()));
      }
    }
  }

  private Caller caller(Context ctx) {
    X509Certificate[] chain = (X509Certificate[]) ctx.req().getAttribute(CLIENT_CHAIN);
    if (chain != null && chain.length > 0) {
      Optional<Role> role = RoleCertificates.roleOf(chain[0]);
      if (role.isPresent()) {
        return new Caller(role.get(), "certificate", Optional.of(chain[0].getSubjectX500Principal().getName()));
      }
    }
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new TokenException("only 'Authorization: Bearer <token>' is understood here");
      }
      Actor actor = tokens.verify(authorization.substring(7).trim());
      return new Caller(actor.role().orElseThrow(), "token", Optional.of(actor.subject()));
    }
    // The sign-in cookie opens pages only: read-only methods, never the API, whose callers say who they
    // are on every request (certificate or Authorization header) and so cannot be led by a browser.
    String cookie = ctx.cookie(COOKIE);
    boolean page = (ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD"))
        && !ctx.path().startsWith("/api/");
    if (cookie != null && page) {
      try {
        Actor actor = tokens.verify(cookie);
        return new Caller(actor.role().orElseThrow(), "cookie", Optional.of(actor.subject()));
      } catch (TokenException e) {
        ctx.removeCookie(COOKIE, "/");
      }
    }
    return Caller.ANONYMOUS;
  }

  static Caller callerOf(Context ctx) {
    Caller c = ctx.attribute(CALLER);
    return c == null ? Caller.ANONYMOUS : c;
  }

  private static Caller requireRole(Context ctx) {
    Caller caller = callerOf(ctx);
    if (caller.isAnonymous()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new HttpProblem(401, "sign in: present a role certificate (TLS) or a bearer token");
    }
    return caller;
  }

  private static Caller requireLegitimateInterest(Context ctx) {
    Caller caller = requireRole(ctx);
    if (!caller.role().mayRead(Tier.LEGITIMATE_INTEREST)) {
      throw new HttpProblem(403, "the " + caller.role().id() + " role may not read this");
    }
    return caller;
  }

  private void signIn(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equals("null") && !origin.endsWith("://" + ctx.host())) {
      throw new HttpProblem(403, "sign-in is only accepted from this registry's own page");
    }
    String token = Optional.ofNullable(ctx.formParam("token")).orElse("").replaceAll("\\s+", "");
    String next = next(ctx.formParam("next"));
    try {
      tokens.verify(token);
    } catch (TokenException e) {
      html(ctx, 401, pages.signIn(next, e.getMessage()));
      return;
    }
    long seconds = Math.max(1, Duration.between(clock.instant(), BearerTokens.expiry(token)).toSeconds());
    Cookie cookie = new Cookie(COOKIE, token, "/", (int) Math.min(Integer.MAX_VALUE, seconds), true);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    ctx.cookie(cookie);
    ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    ctx.removeCookie(COOKIE, "/");
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Only a path on this registry: never an open redirect. */
  private static String next(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && next.length() < 300 ? next : "/";
  }

  // ------------------------------------------------------------------------------------- resolver

  enum Format { HTML, JSON, CBOR, COSE, CATENA_X }

  private void home(Context ctx) {
    html(ctx, 200, pages.notFound("PackPass registry", "Scan a battery's QR code, or paste the address it holds.",
        "Open it with /resolve?link=<address>, for example /resolve?link=https://id.example.com/01/09521234000013/21/"
            + "EV75-000123."));
  }

  private void resolvePasted(Context ctx) {
    String link = Optional.ofNullable(ctx.queryParam("link")).orElse("").trim();
    try {
      DigitalLink parsed = DigitalLink.parse(link);
      ctx.redirect(itemPath(parsed.id()), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (IdentifierException e) {
      throw new HttpProblem(404, "not a passport address: " + e.getMessage(), "Paste the whole address from the QR"
          + " code, starting with https://");
    }
  }

  private void resolve(Context ctx) {
    representation(ctx, record(ctx), Optional.empty());
  }

  private PassportRecord record(Context ctx) {
    PassportId id = idOf(ctx);
    return service.record(id).orElseThrow(() -> new HttpProblem(404, "no passport " + id.elementString()
        + " at this registry", "Check the digits against the label. A pack that was just provisioned appears once"
            + " its gateway has synced its birth record."));
  }

  private static PassportId idOf(Context ctx) {
    try {
      return new PassportId(Gtin.parse(ctx.pathParam("gtin")), new Serial(ctx.pathParam("serial")));
    } catch (IdentifierException e) {
      throw new HttpProblem(404, "not a passport id: " + e.getMessage(), "A GTIN has 14 digits with a check digit"
          + " at the end; the serial is 1 to 20 characters.");
    }
  }

  static String itemPath(PassportId id) {
    String link = id.digitalLink("https://registry.invalid");
    return link.substring(link.indexOf("/01/"));
  }

  private void representation(Context ctx, PassportRecord record, Optional<Format> fixed) {
    Caller caller = callerOf(ctx);
    Format format = fixed.orElseGet(() -> formatOf(ctx, Format.HTML));
    headers(ctx, record);
    String etag = "W/\"" + record.version() + "-" + caller.role().id() + "-" + format.name().toLowerCase(Locale.ROOT)
        + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", caller.isAnonymous() ? "public, max-age=60" : "private, no-store");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    Passport view = RegistryService.view(record, caller.role());
    switch (format) {
      case JSON -> ctx.contentType("application/json").result(JsonViews.write(view));
      case CBOR -> ctx.contentType("application/cbor").result(view.encode());
      case COSE -> {
        requireLegitimateInterest(ctx);
        List<StoredUpdate> head = service.updates(record.id(), record.headSeq() - 1, 1);
        ctx.contentType(COSE + "; cose-type=\"cose-sign1\"").result(head.get(0).cose());
      }
      case CATENA_X -> {
        ExportResult export = CatenaXExport.export(view, ExportContext.builder(service.resolverBase(), clock.instant())
            .build());
        ctx.header("PackPass-Export-Missing", Integer.toString(export.missing().size()));
        ctx.contentType("application/json").result(export.json());
      }
      default -> {
        List<SohSample> soh = caller.role().mayRead(Tier.LEGITIMATE_INTEREST)
            ? service.latestSoh(record.id(), SOH_PLOT_POINTS) : List.of();
        String path = itemPath(record.id());
        html(ctx, 200, pages.passport(PassportPage.of(record, view, caller.role(), caller.subject(), soh,
            record.id().digitalLink(service.resolverBase()), API + path + "/label.svg", API + path)));
      }
    }
  }

  private static void headers(Context ctx, PassportRecord record) {
    ctx.header("PackPass-Head-Seq", Long.toString(record.headSeq()));
    ctx.header("PackPass-Head-Hash", HexFormat.of().formatHex(record.headHash()));
    ctx.header("PackPass-Head-Time", record.headTime().toString());
    ctx.header("PackPass-Log-Seq", Long.toString(record.logSeq()));
    record.logHash().ifPresent(h -> ctx.header("PackPass-Log-Hash", HexFormat.of().formatHex(h)));
    ctx.header("PackPass-Record-State", record.state().id());
  }

  /** {@code ?format=} first (links, QR scanners), else the Accept header's best supported type. */
  static Format formatOf(Context ctx, Format fallback) {
    String query = ctx.queryParam("format");
    if (query != null) {
      return switch (query) {
        case "html" -> Format.HTML;
        case "json" -> Format.JSON;
        case "cbor" -> Format.CBOR;
        case "cose" -> Format.COSE;
        case "catena-x" -> Format.CATENA_X;
        default -> throw new HttpProblem(406, "format must be html, json, cbor, cose or catena-x, not '" + query + "'");
      };
    }
    String accept = ctx.header("Accept");
    if (accept == null || accept.isBlank()) {
      return fallback;
    }
    Format best = null;
    double bestQ = 0;
    for (String part : accept.split(",", 32)) {
      String[] pieces = part.trim().split(";");
      String type = pieces[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      Format f = switch (type) {
        case "text/html", "application/xhtml+xml" -> Format.HTML;
        case "application/json" -> Format.JSON;
        case "application/cbor" -> Format.CBOR;
        case COSE -> Format.COSE;
        case CATENA_X -> Format.CATENA_X;
        case "*/*", "text/*" -> fallback;
        default -> null;
      };
      if (f != null && q > bestQ) {
        best = f;
        bestQ = q;
      }
    }
    if (best == null) {
      throw new HttpProblem(406, "this passport is served as text/html, application/json, application/cbor, "
          + COSE + " or " + CATENA_X + ", not " + accept);
    }
    return best;
  }

  // ------------------------------------------------------------------------------------- API

  private void list(Context ctx) {
    requireRole(ctx);
    Optional<PassportId> after = Optional.ofNullable(ctx.queryParam("cursor")).map(c -> {
      try {
        return PassportId.parseElementString(new String(Base64.getUrlDecoder().decode(c), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new HttpProblem(400, "cursor: not a cursor this registry gave out");
      }
    });
    int limit = limit(ctx);
    List<PassportId> ids = service.passportIds(after, limit);
    List<Object> items = new ArrayList<>();
    for (PassportId id : ids) {
      items.add(Map.of("id", id.elementString(), "link", id.digitalLink(service.resolverBase())));
    }
    paged(ctx, items, ids.size() == limit ? Optional.of(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(ids.get(ids.size() - 1).elementString().getBytes(StandardCharsets.UTF_8))) : Optional.empty());
  }

  private void submitBirth(Context ctx) {
    Caller caller = requireRole(ctx);
    byte[] body = body(ctx);
    IngestResult result;
    try {
      result = service.submitBirth(body, "api " + caller.subject().orElse(caller.role().id()));
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(422, e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", result.status().name().toLowerCase(Locale.ROOT));
    result.reason().ifPresent(r -> out.put("reason", r.code()));
    out.put("detail", result.detail());
    result.passport().ifPresent(p -> out.put("passport", p.elementString()));
    int status = switch (result.status()) {
      case ACCEPTED -> 201;
      case DUPLICATE -> 200;
      case REJECTED -> 422;
    };
    ctx.status(status).contentType("application/json").result(JsonViews.write(out));
  }

  private void updates(Context ctx) {
    requireLegitimateInterest(ctx);
    PassportRecord record = record(ctx);
    int limit = limit(ctx);
    List<StoredUpdate> rows = service.updates(record.id(), cursor(ctx), limit);
    List<Object> items = new ArrayList<>();
    for (StoredUpdate u : rows) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", u.seq());
      item.put("kind", io.packpass.core.update.UpdateKind.fromCode(u.kind()).name().toLowerCase(Locale.ROOT));
      item.put("time", u.time().toString());
      item.put("hash", HexFormat.of().formatHex(u.hash()));
      item.put("cose", Base64.getEncoder().encodeToString(u.cose()));
      items.add(item);
    }
    headers(ctx, record);
    paged(ctx, items, rows.size() == limit ? Optional.of(Long.toString(rows.get(rows.size() - 1).seq()))
        : Optional.empty());
  }

  private void soh(Context ctx) {
    requireLegitimateInterest(ctx);
    PassportRecord record = record(ctx);
    int limit = limit(ctx);
    List<SohSample> rows = service.sohHistory(record.id(), cursor(ctx), limit);
    List<Object> items = new ArrayList<>();
    for (SohSample s : rows) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", s.seq());
      item.put("time", s.time().toString());
      item.put("sohCpct", s.sohCpct());
      if (s.capacityMah().isPresent()) {
        item.put("capacityMah", s.capacityMah().getAsLong());
      }
      items.add(item);
    }
    paged(ctx, items, rows.size() == limit ? Optional.of(Long.toString(rows.get(rows.size() - 1).seq()))
        : Optional.empty());
  }

  private void log(Context ctx, Optional<LogKind> kind) {
    requireLegitimateInterest(ctx);
    PassportRecord record = record(ctx);
    int limit = limit(ctx);
    List<LogRow> rows = service.log(record.id(), cursor(ctx), limit, kind);
    List<Object> items = new ArrayList<>();
    for (LogRow r : rows) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", r.seq());
      item.put("kind", r.kind().id());
      item.put("time", r.time().toString());
      item.put("basisSeq", r.basisSeq());
      item.put("actorRole", r.actorRole());
      item.put("actor", r.actor());
      item.put("hash", HexFormat.of().formatHex(r.hash()));
      item.put("cose", Base64.getEncoder().encodeToString(r.cose()));
      items.add(item);
    }
    headers(ctx, record);
    paged(ctx, items, rows.size() == limit ? Optional.of(Long.toString(rows.get(rows.size() - 1).seq()))
        : Optional.empty());
  }

  private void submitLog(Context ctx) {
    requireRole(ctx);
    PassportId id = idOf(ctx);
    LogResult result = service.submitLogEntry(body(ctx), id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", result.status().name().toLowerCase(Locale.ROOT));
    result.refusal().ifPresent(r -> out.put("reason", r.code()));
    out.put("detail", result.detail());
    result.seq().ifPresent(s -> out.put("seq", s));
    result.hash().ifPresent(h -> out.put("hash", HexFormat.of().formatHex(h)));
    int status = switch (result.status()) {
      case ACCEPTED -> 201;
      case DUPLICATE -> 200;
      case REFUSED -> statusOf(result.refusal().orElseThrow());
    };
    ctx.status(status).contentType("application/json").result(JsonViews.write(out));
  }

  static int statusOf(LogRefusal refusal) {
    return switch (refusal) {
      case MALFORMED, WRONG_PASSPORT -> 400;
      case UNKNOWN_PASSPORT -> 404;
      case UNTRUSTED_CERTIFICATE, REVOKED, KID_MISMATCH, BAD_SIGNATURE, NOT_ENTITLED -> 403;
      case CONFLICT -> 409;
      case BASIS_MISMATCH, BAD_EVIDENCE, CLOCK_OUT_OF_TOLERANCE, ILLEGAL_TRANSITION -> 422;
    };
  }

  private void label(Context ctx) {
    PassportRecord record = record(ctx);
    Caller caller = callerOf(ctx);
    ctx.header("Cache-Control", caller.isAnonymous() ? "public, max-age=300" : "private, no-store");
    ctx.contentType("image/svg+xml").result(pages.label(DigitalLink.of(service.resolverBase(), record.id()),
        RegistryService.view(record, caller.role())));
  }

  private static byte[] body(Context ctx) {
    String type = Optional.ofNullable(ctx.contentType()).orElse("");
    if (!type.startsWith(COSE)) {
      throw new HttpProblem(415, "the body must be " + COSE + " (one COSE_Sign1), not '" + type + "'");
    }
    long length = ctx.contentLength();
    if (length > MAX_ENTRY_BYTES) {
      throw new HttpProblem(413, "at most " + MAX_ENTRY_BYTES + " bytes");
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_ENTRY_BYTES) {
      throw new HttpProblem(413, "at most " + MAX_ENTRY_BYTES + " bytes");
    }
    return body;
  }

  private static LogKind kindOf(String text) {
    try {
      return LogKind.fromId(text);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(400, "kind: " + e.getMessage());
    }
  }

  private static int limit(Context ctx) {
    String text = ctx.queryParam("limit");
    if (text == null) {
      return DEFAULT_PAGE;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit < 1 || limit > RegistryService.MAX_PAGE) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new HttpProblem(400, "limit must be 1.." + RegistryService.MAX_PAGE + ", not '" + text + "'");
    }
  }

  /** The opaque cursor of seq-ordered listings: the last seq of the previous page (-1: from the start). */
  private static long cursor(Context ctx) {
    String text = ctx.queryParam("cursor");
    if (text == null) {
      return -1;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new HttpProblem(400, "cursor: not a cursor this registry gave out");
    }
  }

  /** The AAS API's paged shape (IDTA-01002 Part 2): {@code {"paging_metadata": {"cursor"?}, "result": [...]}}. */
  private static void paged(Context ctx, List<Object> items, Optional<String> cursor) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> paging = new LinkedHashMap<>();
    cursor.ifPresent(c -> paging.put("cursor", c));
    out.put("paging_metadata", paging);
    out.put("result", items);
    ctx.contentType("application/json").result(ENVELOPE.valueToTree(out).toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void html(Context ctx, int status, byte[] page) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(page);
  }

  /** An answer other than success: problem JSON for the API and machines, a page for people. */
  void problem(Context ctx, int status, String message, String hint) {
    boolean api = ctx.path().startsWith("/api/");
    String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
    if (!api && (accept.isEmpty() || accept.contains("text/html") || accept.contains("*/*"))
        && !accept.startsWith("application/")) {
      String title = status == 404 ? "Passport not found" : "Cannot show this passport";
      html(ctx, status, pages.notFound(title, message, hint.isEmpty() || status == 429 ? "" : hint));
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status);
    out.put("title", io.javalin.http.HttpStatus.forStatus(status).getMessage());
    out.put("detail", message);
    ctx.status(status).contentType("application/problem+json").result(JsonViews.write(out));
  }

  /** For tests and the benchmark: the time the registry believes it is. */
  Instant now() {
    return clock.instant();
  }
}

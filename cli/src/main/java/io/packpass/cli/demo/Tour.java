package io.packpass.cli.demo;

import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.estimate.Flag;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.agent.run.AgentApp;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.grading.FreshGrading;
import io.packpass.gateway.grading.GradingResult;
import io.packpass.gateway.grading.RuleSet;
import io.packpass.gateway.grading.RuleSetLoader;
import io.packpass.gateway.http.RegistryClient;
import io.packpass.gateway.run.RegistryNode;
import io.packpass.gateway.run.SiteGateway;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.IngestResult;
import io.packpass.label.LabelContent;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Labels;
import io.packpass.label.Layout;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code ./packpass demo}: the whole product on one machine, each part the code that runs in the
 * field. A manufacturer provisions three packs; their agents read simulated BMSes through the real
 * drivers for months of compressed time and sign what they derive; the agents then serve their
 * journals over CoAP/DTLS, a site gateway collects, verifies and syncs them to the registry over
 * mutual TLS; labels are printed; a grader takes a fresh signed reading from each pack, grades it and
 * records a signed decision; a summary names each pack's page. Every file lands in one directory.
 */
public final class Tour implements AutoCloseable {
  /** What the user asked for. */
  public record Options(Path dir, int months, int port, boolean keepRunning) {
  }

  /** One line of the summary. */
  public record Row(DemoPack pack, Optional<Measured> soh, List<String> flags, Optional<GradingResult> grading,
      String outcome, String page) {
  }

  private static final Duration GATEWAY_WAIT = Duration.ofSeconds(45);

  private final Options options;
  private final PrintWriter out;
  private final long started = System.nanoTime();
  private final Map<DemoPack, AgentApp> agents = new EnumMap<>(DemoPack.class);
  private final Map<DemoPack, CompressedClock> clocks = new EnumMap<>(DemoPack.class);
  private final AtomicBoolean stopGateway = new AtomicBoolean();
  private Optional<RegistryNode> registry = Optional.empty();
  private Optional<SiteGateway> gateway = Optional.empty();
  private Optional<Thread> gatewayThread = Optional.empty();
  private String resolverBase;
  private DemoPki pki;

  public Tour(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the tour up to its summary; the registry, gateway and agents stay up until {@link #close}. */
  public List<Row> run() throws IOException, InterruptedException {
    Path dir = options.dir();
    DemoLog.to(dir.resolve("demo.log"));
    int port = RegistryPort.choose(options.port());
    resolverBase = "https://localhost:" + port;
    Duration span = Duration.ofDays(30L * options.months());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant born = now.minus(span).minus(Duration.ofDays(2));
    out.printf("PackPass demo: three battery packs from the factory to a reuse-or-recycle decision, on this machine.%n");
    out.printf("Everything it makes is in %s (what each part logged: demo.log).%n", dir);
    if (port != options.port()) {
      out.printf("(port %d is taken: the registry uses %d instead)%n", options.port(), port);
    }

    heading(1, "The manufacturer");
    pki = DemoPki.create(dir, born.minus(Duration.ofDays(1)), span.plus(Duration.ofDays(60)));
    LocalTls.write(dir.resolve("registry/tls.p12"), pki.rolePassphrase, dir.resolve("registry/tls.pem"),
        Duration.ofDays(30));
    out.printf("   CA \"%s\" in ca/: root, issuing CA and passport signer (Ed25519), CRL%n", DemoPki.CA_NAME);
    out.printf("   role credentials in roles/: the site gateway (fleet) and Grace Grader (grader)%n");
    out.printf("   the registry's TLS certificate for localhost: registry/tls.pem (self-signed)%n");

    heading(2, "Three packs, born " + Duration.between(born, now).toDays() + " days ago");
    for (DemoPack pack : DemoPack.values()) {
      Path bundle = packDir(pack);
      pki.provision(pack, resolverBase, born, bundle);
      Files.writeString(bundle.resolve(pack.profileId() + ".yaml"), pack.profileYaml(span), StandardCharsets.UTF_8);
      Files.writeString(bundle.resolve("agent.yaml"), agentExtras(pack), StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
      out.printf("   %-10s %s  %s%n", label(pack), pack.id.elementString(), pack.model.modelName());
      out.printf("   %-10s %s (profile %s)%n", "", pack.history, pack.baseProfile);
    }
    out.printf("   each: birth record signed by the passport signer, device key made for the pack, its CSR%n"
        + "   enrolled, bundle in packs/<pack>/ (what 'provision bundle' writes, and agent.yaml)%n");

    heading(3, "The registry");
    Path registryYaml = dir.resolve("registry/registry.yaml");
    Files.writeString(registryYaml, registryConfig(port), StandardCharsets.UTF_8);
    registry = Optional.of(RegistryNode.start(new GatewayConfigLoader().load(registryYaml), Map.of(),
        Clock.systemUTC()));
    out.printf("   listening on %s (store: H2 in registry/db)%n", resolverBase);

    heading(4, options.months() + " months of use in seconds");
    out.printf("   each agent reads its simulated BMS every %d s of simulated time through the real driver%n"
        + "   (EV: direct, LMT: JBD UART frames, stationary: Pylontech CAN frames), estimates the Annex VII%n"
        + "   values, signs a reading a day and every negative event at once, and journals them%n",
        DemoPack.POLL.toSeconds());
    compress(born.plus(Duration.ofDays(2)), now);

    heading(5, "Agents online, a site gateway collects and syncs");
    collect(dir, now);

    heading(6, "Labels");
    labels(dir);

    heading(7, "Grading");
    List<Row> rows = grade();

    heading(8, "Summary");
    summary(rows);
    return rows;
  }

  private Path packDir(DemoPack pack) {
    return options.dir().resolve("packs").resolve(pack.key);
  }

  private static String label(DemoPack pack) {
    return pack.name().equals("STATIONARY") ? "stationary" : pack.name();
  }

  private static String agentExtras(DemoPack pack) {
    return String.join("\n",
        "# The demo's settings (./packpass demo): its own profile with a past, loopback only, any free port.",
        "profile: " + pack.profileId() + ".yaml",
        "coap:",
        "  bind: 127.0.0.1",
        "  port: 0",
        "  dtlsPort: 0",
        "  multicast: false",
        "updates:",
        "  every: P1D",
        "  atLeastEvery: P1D",
        "  socChangeCpct: 5000",
        "");
  }

  private String registryConfig(int port) {
    Path dir = options.dir();
    return String.join("\n",
        "# The demo's registry (./packpass demo); reference: docs/registry.md",
        "store:",
        "  dir: db",
        "trust:",
        "  anchors: " + dir.resolve("ca/root.pem"),
        "  crl: " + dir.resolve("ca/crl.pem"),
        "intake:",
        "  bind: 127.0.0.1",
        "  port: " + port,
        "  keyStore: tls.p12",
        "  passphraseFile: " + pki.rolePassphraseFile,
        "registry:",
        "  resolverBase: " + resolverBase,
        "");
  }

  /** Every agent from {@code from} to {@code until} in simulated minutes, in parallel, with a line per month. */
  private void compress(Instant from, Instant until) throws IOException, InterruptedException {
    Map<DemoPack, AtomicLong> polls = new EnumMap<>(DemoPack.class);
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (DemoPack pack : DemoPack.values()) {
      CompressedClock clock = new CompressedClock(from);
      clocks.put(pack, clock);
      AgentApp app = AgentApp.start(new AgentConfigLoader().load(packDir(pack).resolve("agent.yaml")), clock,
          clock::nanos);
      agents.put(pack, app);
      AtomicLong count = new AtomicLong();
      polls.put(pack, count);
      Thread t = new Thread(() -> {
        try {
          while (clock.instant().isBefore(until)) {
            clock.advance(DemoPack.POLL);
            app.runner().pollOnce();
            count.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }, "demo " + pack.key);
      threads.add(t);
      t.start();
    }
    long total = Duration.between(from, until).toMinutes() / DemoPack.POLL.toMinutes();
    int reported = 0;
    while (reported < options.months()) {
      boolean running = false;
      for (Thread t : threads) {
        t.join(100);
        running |= t.isAlive();
      }
      long least = polls.values().stream().mapToLong(AtomicLong::get).min().orElse(0);
      int month = running ? (int) (least * options.months() / Math.max(1, total)) : options.months();
      for (; reported < month; reported++) {
        out.printf("   month %d of %d done by every pack; %s%n", reported + 1, options.months(), progress(polls, total));
        out.flush();
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    for (DemoPack pack : DemoPack.values()) {
      clocks.get(pack).release();
      Passport p = agents.get(pack).runner().log().passport();
      out.printf("   %-10s %,d polls, %d signed updates, %d negative event(s); journal in packs/%s/journal%n",
          label(pack), polls.get(pack).get(), agents.get(pack).runner().log().head().payload().seq(),
          p.events().size(), pack.key);
    }
    export(DemoPack.EV);
    out.printf("   a copy of the EV pack's chain as .cose files, with the public keys: check it offline with%n"
        + "   ./packpass verify --manufacturer-key %s --device-key %s --role grader %s/*.cose%n",
        options.dir().resolve("ca/passport-signer.pub.pem"), packDir(DemoPack.EV).resolve("device.pub.pem"),
        packDir(DemoPack.EV).resolve("updates"));
  }

  /** The pack's chain as one .cose file per update and its device key's public half, for 'verify'. */
  private void export(DemoPack pack) throws IOException {
    AgentApp app = agents.get(pack);
    Path updates = packDir(pack).resolve("updates");
    Files.createDirectories(updates);
    long head = app.runner().log().head().payload().seq();
    for (long seq = 0; seq <= head; seq++) {
      Files.write(updates.resolve(String.format("update-%04d.cose", seq)), app.runner().log().journal().read(seq));
    }
    DemoFiles.writePublicKey(packDir(pack).resolve("device.pub.pem"),
        PrivateKeyFile.load(packDir(pack).resolve("device.key")).verificationKey());
    DemoFiles.writePublicKey(options.dir().resolve("ca/passport-signer.pub.pem"),
        pki.ca.passportSigner().verificationKey());
  }

  /** Where each pack is: its own month (they run at different speeds) and its chain's head. */
  private String progress(Map<DemoPack, AtomicLong> polls, long total) {
    return agents.entrySet().stream().map(e -> {
      long done = polls.get(e.getKey()).get();
      String where = done >= total ? "done" : "month " + (done * options.months() / total + 1);
      return label(e.getKey()) + " " + where + " (seq " + e.getValue().runner().log().head().payload().seq() + ")";
    }).collect(Collectors.joining(", "));
  }

  private void collect(Path dir, Instant now) throws IOException, InterruptedException {
    StringBuilder list = new StringBuilder();
    long expected = 0;
    for (DemoPack pack : DemoPack.values()) {
      AgentApp app = agents.get(pack);
      InetSocketAddress a = app.coap().secureAddress().orElseThrow();
      list.append("  - coaps://").append(a.getAddress().getHostAddress()).append(':').append(a.getPort()).append('\n');
      expected += app.runner().log().head().payload().seq() + 1;
      out.printf("   %-10s agent serves its journal on coaps://%s:%d (DTLS, certificates both ways)%n", label(pack),
          a.getAddress().getHostAddress(), a.getPort());
    }
    Path gatewayYaml = dir.resolve("gateway/gateway.yaml");
    Files.createDirectories(gatewayYaml.getParent());
    Files.writeString(gatewayYaml, String.join("\n",
        "# The demo's site gateway (./packpass demo); reference: gateway/README.md",
        "store:",
        "  dir: db",
        "trust:",
        "  anchors: " + dir.resolve("ca/root.pem"),
        "  crl: " + dir.resolve("ca/crl.pem"),
        "upstream:",
        "  url: " + resolverBase,
        "  serverTrust: " + dir.resolve("registry/tls.pem"),
        "  credential: " + pki.fleetCredential,
        "  passphraseFile: " + pki.rolePassphraseFile,
        "agents:",
        list.toString()), StandardCharsets.UTF_8);
    SiteGateway site = SiteGateway.open(new GatewayConfigLoader().load(gatewayYaml), Map.of(), Clock.systemUTC());
    gateway = Optional.of(site);
    Thread t = new Thread(() -> {
      try {
        site.run(stopGateway::get);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo gateway");
    gatewayThread = Optional.of(t);
    t.start();
    RegistryNode node = registry.orElseThrow();
    long deadline = System.nanoTime() + GATEWAY_WAIT.toNanos();
    while (node.store().updateCount() < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    long held = node.store().updateCount();
    long quarantined = site.store().quarantineCounts().values().stream().mapToLong(Long::longValue).sum();
    out.printf("   gateway (gateway/): %,d updates verified and stored, %d quarantined; synced over mutual TLS%n",
        site.store().updateCount(), quarantined);
    out.printf("   registry: holds %,d of the %,d updates the agents signed%n", held, expected);
    if (held < expected) {
      throw new IllegalStateException("the registry holds " + held + " of " + expected + " updates after "
          + GATEWAY_WAIT.toSeconds() + " s; see " + dir.resolve("demo.log"));
    }
    tamper(site);
  }

  /** Nothing unverified is stored: one changed byte in a signed reading, offered as if an agent sent it. */
  private void tamper(SiteGateway site) {
    byte[] bytes = agents.get(DemoPack.EV).runner().log().journal().read(3);
    int at = bytes.length / 2; // inside the signed payload
    bytes[at] ^= 0x01;
    IngestResult result = site.ingest().ingest(new Ingest.Incoming(bytes, "demo: a tampered copy"));
    out.printf("   a copy of EV seq 3 with byte %d changed, offered to the gateway: %s%s%n"
        + "     (%s)%n   quarantined, never synced: './packpass gateway quarantine --config gateway/gateway.yaml'%n",
        at, result.status().name().toLowerCase(Locale.ROOT), result.reason().map(r -> " " + r).orElse(""),
        result.detail());
  }

  private void labels(Path dir) throws IOException {
    Path labels = dir.resolve("labels");
    Files.createDirectories(labels);
    Labels renderer = new Labels();
    LabelSpec spec = LabelSpec.of(Layout.L100X50, 203);
    for (DemoPack pack : DemoPack.values()) {
      Passport passport = agents.get(pack).runner().log().passport();
      DigitalLink link = DigitalLink.parse(pack.id.digitalLink(resolverBase));
      LabelContent content = LabelContent.signed(link, passport, pki.ca.passportSigner(), Optional.empty(),
          Instant.now());
      Files.write(labels.resolve(pack.key + ".png"), renderer.render(content, spec, LabelFormat.PNG, QrMode.AUTO));
      Files.write(labels.resolve(pack.key + ".zpl"), renderer.render(content, spec, LabelFormat.ZPL, QrMode.AUTO));
      Files.writeString(labels.resolve(pack.key + ".txt"), content.qrText() + "\n", StandardCharsets.UTF_8);
      out.printf("   %-10s labels/%s.png and .zpl (100 x 50 mm, 203 dpi), QR text in labels/%s.txt%n", label(pack),
          pack.key, pack.key);
    }
    out.printf("   the QR code is the pack's Digital Link with the passport signer's signature over its facts;%n"
        + "   check one offline: ./packpass verify-label --trust %s \"$(cat %s)\"%n", dir.resolve("ca/trust.pem"),
        labels.resolve("ev.txt"));
  }

  private List<Row> grade() throws IOException, InterruptedException {
    char[] passphrase = pki.rolePassphrase;
    KeyStore credential = TlsContexts.keyStore(pki.graderCredential, passphrase);
    TlsContexts.KeyAndChain grader = TlsContexts.keyAndChain(credential, passphrase);
    TrustStore roots = TrustStore.load(options.dir().resolve("ca/root.pem"),
        Optional.of(options.dir().resolve("ca/crl.pem")));
    RuleSet rules = RuleSetLoader.bundled();
    RegistryClient client = new RegistryClient(URI.create(resolverBase), TlsContexts.client(credential, passphrase,
        Optional.of(TrustStore.certificates(options.dir().resolve("registry/tls.pem")))), Duration.ofSeconds(20));
    FreshGrading grading = new FreshGrading(grader, roots, rules, client, Clock.systemUTC());
    out.printf("   Grace Grader asks each pack for a fresh signed reading over DTLS (her grader credential,%n"
        + "   a random nonce), checks it against the registry's history, grades it by the bundled rules%n"
        + "   and submits the decision signed with her key%n");
    List<Row> rows = new ArrayList<>();
    for (DemoPack pack : DemoPack.values()) {
      AgentApp app = agents.get(pack);
      InetSocketAddress a = app.coap().secureAddress().orElseThrow();
      URI agent = URI.create("coaps://" + a.getAddress().getHostAddress() + ":" + a.getPort());
      List<String> lines = new ArrayList<>();
      FreshGrading.Outcome outcome = grading.grade(agent, inspection(app.runner().lastSnapshot()), false, lines::add);
      Passport passport = app.runner().log().passport();
      Optional<Measured> soh = passport.condition().flatMap(c -> c.get(Quantity.STATE_OF_HEALTH));
      String page = pack.id.digitalLink(resolverBase);
      if (outcome instanceof FreshGrading.Recorded r) {
        out.printf("   %-10s %s, grade %s; signed decision in the registry's log (seq %d)%n", label(pack),
            r.result().route().id(), r.result().grade(), r.logSeq());
        for (GradingResult.Finding f : r.result().fired()) {
          out.printf("   %-10s   %-28s %s%n", "", f.rule(), f.text());
        }
        rows.add(new Row(pack, soh, flags(app, passport), Optional.of(r.result()), "recorded", page));
      } else if (outcome instanceof FreshGrading.Refused refused) {
        out.printf("   %-10s not graded: %s%n", label(pack), refused.why());
        rows.add(new Row(pack, soh, flags(app, passport), refused.result(), "not graded: " + refused.why(), page));
      } else {
        throw new IllegalStateException("a dry run was not asked for");
      }
    }
    return rows;
  }

  /** What the grader's meter shows at the pack's terminals: the lowest cell and the spread. */
  private static FreshGrading.Inspection inspection(Optional<BatterySnapshot> snapshot) {
    List<Long> cells = snapshot.map(BatterySnapshot::cellVoltagesMv).orElse(List.of());
    if (cells.isEmpty()) {
      return FreshGrading.Inspection.NONE;
    }
    long min = cells.stream().mapToLong(Long::longValue).min().orElseThrow();
    long max = cells.stream().mapToLong(Long::longValue).max().orElseThrow();
    return new FreshGrading.Inspection(OptionalLong.of(min), OptionalLong.of(max - min), OptionalLong.empty(), Set.of());
  }

  private static List<String> flags(AgentApp app, Passport passport) {
    Set<String> flags = new TreeSet<>();
    for (NegativeEvent e : passport.events()) {
      flags.add(e.type().id());
    }
    for (Flag f : app.runner().report().flags()) {
      flags.add(f.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return List.copyOf(flags);
  }

  private void summary(List<Row> rows) {
    out.printf("   %-10s %-17s %-28s %-17s %s%n", "pack", "SOH", "flags", "route, grade", "page");
    for (Row r : rows) {
      String soh = r.soh().map(m -> Quantity.STATE_OF_HEALTH.format(m.value()) + " ± "
          + Quantity.STATE_OF_HEALTH.format(m.uncertainty())).orElse("none yet");
      String flags = r.flags().isEmpty() ? "none" : String.join(", ", r.flags());
      String route = r.grading().map(g -> g.route().id() + ", " + g.grade()).orElse("not graded");
      out.printf("   %-10s %-17s %-28s %-17s %s%n", label(r.pack()), soh, flags, route, r.page());
    }
    out.println();
    out.printf("Done in %.0f s. The agents' journals, the gateway's and the registry's databases, the labels and%n"
        + "the keys are in %s.%n", (System.nanoTime() - started) / 1e9, options.dir());
  }

  private void heading(int step, String title) {
    out.println();
    out.printf("%d. %s  [%.1f s]%n", step, title, (System.nanoTime() - started) / 1e9);
    out.flush();
  }

  /** Stops the gateway, the agents and the registry, in that order. */
  @Override
  public void close() {
    stopGateway.set(true);
    gatewayThread.ifPresent(t -> {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    gateway.ifPresent(SiteGateway::close);
    agents.values().forEach(AgentApp::close);
    registry.ifPresent(RegistryNode::close);
    gateway = Optional.empty();
    agents.clear();
    registry = Optional.empty();
  }

  /** The registry's base URL, which the packs' QR codes name. */
  public String resolverBase() {
    return resolverBase;
  }

  /** What a grader types to grade {@code pack} again while the tour keeps running. */
  public String gradeCommand(DemoPack pack) {
    InetSocketAddress a = agents.get(pack).coap().secureAddress().orElseThrow();
    Path d = options.dir();
    return String.join(" \\\n      ", "./packpass gateway grade coaps://" + a.getAddress().getHostAddress() + ":" + a.getPort(),
        "--credential " + pki.graderCredential + " --passphrase-file " + pki.rolePassphraseFile,
        "--trust " + d.resolve("ca/root.pem") + " --crl " + d.resolve("ca/crl.pem"),
        "--registry " + resolverBase + " --registry-trust " + d.resolve("registry/tls.pem"));
  }
}

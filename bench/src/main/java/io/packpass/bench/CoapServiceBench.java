package io.packpass.bench;

import io.packpass.agent.coap.CoapConfigurations;
import io.packpass.agent.coap.DtlsCredentials;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigLoader;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.run.AgentApp;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * The agent's CoAP service under load (issue 5), not JMH. Three parts, each a mode:
 *
 * <ul>
 *   <li>{@code throughput}: the real agent ({@link AgentApp} on a {@link CoapBenchBundle} of sim-lmt) and a plain
 *       Californium hello-world server in this JVM, same Californium configuration
 *       ({@link CoapConfigurations#agent}), same DTLS identity (the device key and certificate),
 *       answering a fixed payload of the same size. Rounds alternate between the two servers; first
 *       DTLS {@code /passport/signed} with a recycler role certificate, then plain {@code /passport}
 *       (public tier) against a plain hello-world of that size.
 *   <li>{@code rss}: the real agent as a child process ({@code java <opts> -jar packpass-agent.jar run
 *       --profile sim-lmt --dir D}), DTLS load on {@code /passport/signed} from this process, VmRSS and
 *       VmHWM of the child sampled from {@code /proc} every 100 ms; once per set of JVM options.
 *   <li>{@code start}: process start to the first 2.05 answer of plain {@code GET /passport}, polled
 *       every 5 ms with raw UDP datagrams; without and with an AppCDS archive.
 *   <li>{@code cpu}: the agent and the hello-world each in a process of its own, under the same DTLS
 *       load in alternating rounds; each server's CPU time (utime + stime from {@code /proc/PID/stat})
 *       per answered request, and what that would serve on two cores given to the server alone. On a
 *       machine whose two cores also run the load generator, this is the number that says what the
 *       server can do; requests/s there only say what the machine can do.
 * </ul>
 *
 * Usage: {@code CoapServiceBench all|throughput|rss|start --out FILE.json [--clients N]
 * [--outstanding W] [--rounds R] [--seconds S] [--agent-jar JAR] [--starts K] [--opts "..."]...}
 */
public final class CoapServiceBench {
  private static final String PROFILE = "sim-lmt";

  private final Map<String, String> opts;
  private final List<String> jvmVariants;
  private final Path work;
  private final StringBuilder json = new StringBuilder();

  private CoapServiceBench(Map<String, String> opts, List<String> jvmVariants) throws IOException {
    this.opts = opts;
    this.jvmVariants = jvmVariants;
    this.work = Files.createTempDirectory("coap-bench-");
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: CoapServiceBench all|throughput|rss|start --out FILE.json [options]");
      System.exit(2);
    }
    Map<String, String> opts = new LinkedHashMap<>();
    List<String> variants = new ArrayList<>();
    for (int i = 1; i < args.length; i += 2) {
      if (args[i].equals("--opts")) {
        variants.add(args[i + 1]);
      } else {
        opts.put(args[i].substring(2), args[i + 1]);
      }
    }
    if (variants.isEmpty()) {
      variants.add("-Xmx48m");
      variants.add("-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    }
    String mode = args[0];
    CoapServiceBench b = new CoapServiceBench(opts, variants);
    b.json.append("{\n\"date\":\"").append(Instant.now()).append("\",\n\"java\":\"")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append("\",\n\"cpus\":").append(Runtime.getRuntime().availableProcessors())
        .append(",\n\"loadavg_start\":\"").append(loadavg()).append("\",\n\"options\":\"")
        .append(String.join(" ", Arrays.copyOfRange(args, 1, args.length)).replace("\"", "'")).append("\"");
    System.out.println("load average at start: " + loadavg());
    if (mode.equals("all") || mode.equals("throughput")) {
      b.throughput();
    }
    if (mode.equals("all") || mode.equals("rss")) {
      b.rss();
    }
    if (mode.equals("all") || mode.equals("start")) {
      b.start();
    }
    if (mode.equals("all") || mode.equals("cpu")) {
      b.cpu();
    }
    b.json.append(",\n\"loadavg_end\":\"").append(loadavg()).append("\"\n}\n");
    System.out.println("load average at end: " + loadavg());
    String out = opts.get("out");
    if (out != null) {
      Files.writeString(Path.of(out), b.json.toString());
      System.out.println("raw results: " + out);
    }
    System.exit(0);
  }

  private int intOpt(String name, int otherwise) {
    return opts.containsKey(name) ? Integer.parseInt(opts.get(name)) : otherwise;
  }

  private double doubleOpt(String name, double otherwise) {
    return opts.containsKey(name) ? Double.parseDouble(opts.get(name)) : otherwise;
  }

  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // demo bundle

  /** A provisioned sim-lmt pack in {@code dir} on free ports, and a recycler role credential. */
  private record Bundle(Path dir, AgentConfig config, int plainPort, int dtlsPort, CoapLoad.DtlsClientIdentity role,
      X509Certificate root) {
  }

  private Bundle bundle(String name) throws IOException {
    Path dir = work.resolve(name);
    int plain = freeUdpPort();
    int dtls = freeUdpPort();
    CoapBenchBundle.Made made = CoapBenchBundle.create(dir, PROFILE, plain, dtls, californium());
    X509Certificate root = made.ca().rootCertificate();
    AgentConfig config = new AgentConfigLoader().load(made.yaml());
    return new Bundle(dir, config, plain, dtls,
        new CoapLoad.DtlsClientIdentity(made.recycler().privateKey(), made.recycler().chain(), root), root);
  }

  /** {@code --californium FILE}: a Californium properties file over the agent's defaults, for both servers. */
  private Optional<Path> californium() {
    return Optional.ofNullable(opts.get("californium")).map(f -> Path.of(f).toAbsolutePath());
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // throughput: agent and hello-world side by side in this JVM

  private void throughput() throws Exception {
    int clients = intOpt("clients", 32);
    int outstanding = intOpt("outstanding", 8);
    int rounds = intOpt("rounds", 5);
    double seconds = doubleOpt("seconds", 5);
    double warmup = doubleOpt("warmup", 5);
    Bundle b = bundle("inproc");
    try (AgentApp app = AgentApp.start(b.config(), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        app.runner().pollOnce();
      }
      if (steadyHead()) { // a second reading: the first after a start announces the certificate chain
        app.runner().log().appendReading(app.runner().log().passport().condition().orElseThrow(), Optional.empty());
      }
      byte[] signed = app.runner().log().head().encoded();
      InetSocketAddress agentDtls = app.coap().secureAddress().orElseThrow();
      InetSocketAddress agentPlain = app.coap().plainAddress().orElseThrow();
      byte[] publicPassport = plainGet(agentPlain, "passport");
      System.out.printf(Locale.ROOT, "agent: DTLS %s, plain %s; /passport/signed %d bytes (seq %d), public /passport %d"
          + " bytes%n", agentDtls, agentPlain, signed.length, app.runner().log().head().payload().seq(),
          publicPassport.length);
      DeviceIdentity id = DeviceIdentity.load(b.config().privateKey(), b.config().certificate(),
          b.config().trustAnchors(), b.config().crl(), b.config().passport(), Instant.now());
      DtlsCredentials creds = DtlsCredentials.of(id.signer(), id.chain(), id.trust(), Clock.systemUTC());
      CoapServer hello = helloWorld(californium(), creds, b.root(), new byte[signed.length], new byte[publicPassport.length]);
      try {
        hello.start();
        InetSocketAddress helloDtls = null;
        InetSocketAddress helloPlain = null;
        for (var e : hello.getEndpoints()) {
          if (e.getUri().getScheme().equals("coaps")) {
            helloDtls = e.getAddress();
          } else {
            helloPlain = e.getAddress();
          }
        }
        json.append(",\n\"throughput\":{\"clients\":").append(clients).append(",\"outstanding_per_client\":")
            .append(outstanding).append(",\"seconds_per_round\":").append(seconds).append(",\"signed_bytes\":")
            .append(signed.length).append(",\"public_passport_bytes\":").append(publicPassport.length);
        List<CoapLoad.Round> dtlsRounds = pair("dtls", agentDtls, "passport/signed", helloDtls, "hello-signed",
            b.role(), clients, outstanding, rounds, seconds, warmup);
        List<CoapLoad.Round> plainRounds = pair("plain", agentPlain, "passport", helloPlain, "hello-public",
            null, clients, outstanding, rounds, seconds, warmup);
        json.append(",\n\"rounds\":[\n").append(
            java.util.stream.Stream.concat(dtlsRounds.stream(), plainRounds.stream()).map(CoapLoad.Round::json)
                .collect(Collectors.joining(",\n"))).append("\n]");
        json.append(",\n\"summary\":{").append(summary("dtls", dtlsRounds)).append(',')
            .append(summary("plain", plainRounds)).append("}}");
      } finally {
        hello.destroy();
      }
    }
  }

  /** A plain Californium hello-world: one resource per payload, same configuration and DTLS identity. */
  static CoapServer helloWorld(Optional<Path> californium, DtlsCredentials creds, X509Certificate root, byte[] signedSized,
      byte[] publicSized) {
    Configuration config = CoapConfigurations.agent(californium);
    CoapServer server = new CoapServer(config);
    server.add(fixed("hello-signed", signedSized, MediaTypeRegistry.APPLICATION_COSE_SIGN1),
        fixed("hello-public", publicSized, MediaTypeRegistry.APPLICATION_CBOR));
    server.addEndpoint(CoapConfigurations.endpoint(config)
        .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build());
    DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .setCertificateIdentityProvider(new SingleCertificateProvider(creds.key(),
            creds.chain().toArray(new X509Certificate[0]), CertificateType.X_509))
        .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
            .setTrustedCertificates(root).build())
        .build();
    server.addEndpoint(CoapConfigurations.endpoint(config).setConnector(new DTLSConnector(dtls))
        .build());
    return server;
  }

  private static CoapResource fixed(String name, byte[] payload, int format) {
    return new CoapResource(name) {
      @Override
      public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.CONTENT, payload, format);
      }
    };
  }

  private static byte[] plainGet(InetSocketAddress server, String path) throws Exception {
    CoapClient c = new CoapClient("coap://" + server.getAddress().getHostAddress() + ":" + server.getPort() + "/"
        + path);
    c.setEndpoint(CoapEndpoint.builder().setConfiguration(CoapLoad.clientConfig()).build());
    try {
      CoapResponse r = c.get();
      if (r == null || r.getCode() != ResponseCode.CONTENT) {
        throw new IllegalStateException("GET " + path + ": " + (r == null ? "no answer" : r.getCode()));
      }
      return r.getPayload();
    } finally {
      c.shutdown();
    }
  }

  /** Warm-up of both, then rounds alternating agent / hello-world (which one goes first alternates too). */
  private List<CoapLoad.Round> pair(String kind, InetSocketAddress agent, String agentPath, InetSocketAddress hello,
      String helloPath, CoapLoad.DtlsClientIdentity role, int clients, int outstanding, int rounds, double seconds,
      double warmup) throws Exception {
    List<CoapLoad.Round> out = new ArrayList<>();
    try (CoapLoad a = new CoapLoad(agent, agentPath, clients, outstanding, role);
        CoapLoad h = new CoapLoad(hello, helloPath, clients, outstanding, role)) {
      a.connect(30_000);
      h.connect(30_000);
      String agentName = kind + "-agent";
      String helloName = kind + "-hello";
      System.out.printf(Locale.ROOT, "%s: %d clients x %d outstanding, warm-up %.0f s each%n", kind, clients,
          outstanding, warmup);
      print(a.run(agentName + "-warmup", 0, warmup));
      print(h.run(helloName + "-warmup", 0, warmup));
      for (int r = 1; r <= rounds; r++) {
        List<CoapLoad> order = r % 2 == 1 ? List.of(a, h) : List.of(h, a);
        for (CoapLoad l : order) {
          CoapLoad.Round round = l.run(l == a ? agentName : helloName, r, seconds);
          print(round);
          out.add(round);
        }
      }
    }
    return out;
  }

  private static void print(CoapLoad.Round r) {
    System.out.printf(Locale.ROOT, "  %-22s r%d %8.0f req/s  p50 %7.0f us  p99 %7.0f us  p99.9 %7.0f us"
        + "  errors %d  timeouts %d  retransmissions %d  load %s%n", r.target(), r.round(), r.rps(), r.p50Us(),
        r.p99Us(), r.p999Us(), r.errors(), r.timeouts(), r.retransmissions(), loadavg());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String summary(String kind, List<CoapLoad.Round> rounds) {
    double[] agentRps = rounds.stream().filter(r -> r.target().endsWith("agent")).mapToDouble(CoapLoad.Round::rps)
        .toArray();
    double[] helloRps = rounds.stream().filter(r -> r.target().endsWith("hello")).mapToDouble(CoapLoad.Round::rps)
        .toArray();
    double[] agentP50 = rounds.stream().filter(r -> r.target().endsWith("agent")).mapToDouble(CoapLoad.Round::p50Us)
        .toArray();
    double[] agentP99 = rounds.stream().filter(r -> r.target().endsWith("agent")).mapToDouble(CoapLoad.Round::p99Us)
        .toArray();
    double[] helloP50 = rounds.stream().filter(r -> r.target().endsWith("hello")).mapToDouble(CoapLoad.Round::p50Us)
        .toArray();
    double[] helloP99 = rounds.stream().filter(r -> r.target().endsWith("hello")).mapToDouble(CoapLoad.Round::p99Us)
        .toArray();
    // ratio per round pair (same round number), then the median of those
    double[] ratios = new double[agentRps.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = agentRps[i] / helloRps[i];
    }
    String s = String.format(Locale.ROOT,
        "\"%s\":{\"agent_rps_median\":%.0f,\"hello_rps_median\":%.0f,\"ratio_of_medians\":%.3f,"
            + "\"ratio_per_round_median\":%.3f,\"ratio_per_round_min\":%.3f,\"ratio_per_round_max\":%.3f,"
            + "\"agent_p50_us_median\":%.0f,\"agent_p99_us_median\":%.0f,\"hello_p50_us_median\":%.0f,"
            + "\"hello_p99_us_median\":%.0f}",
        kind, median(agentRps), median(helloRps), median(agentRps) / median(helloRps), median(ratios),
        Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN),
        median(agentP50), median(agentP99), median(helloP50), median(helloP99));
    System.out.println("summary " + s);
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // the agent as a child process

  private Process launch(Bundle b, String jvmOpts, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    Map<String, String> env = new LinkedHashMap<>();
    splitOptions(jvmOpts, cmd, env);
    cmd.addAll(List.of("-jar", opts.getOrDefault("agent-jar", "agent/target/packpass-agent.jar"), "run",
        "--profile", PROFILE, "--dir", b.dir().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * {@code --head steady} (default): measure with the newest update as most of the time, named by kid
   * (0.7 KB, one block); {@code --head announcing}: the first update after a start, which carries the
   * certificate chain (1.7 KB, two blocks).
   */
  private boolean steadyHead() {
    String head = opts.getOrDefault("head", "steady");
    if (!head.equals("steady") && !head.equals("announcing")) {
      throw new IllegalArgumentException("--head steady|announcing, not " + head);
    }
    return head.equals("steady");
  }

  /**
   * The size of the child agent's /passport/signed; with a steady head, after waiting (up to 90 s)
   * for its first kid-only update (the bench bundle signs a reading every minute).
   */
  private int signedHeadBytes(InetSocketAddress agentDtls, Bundle b) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      int bytes;
      try (CoapLoad probe = new CoapLoad(agentDtls, "passport/signed", 1, 1, b.role())) {
        probe.connect(30_000);
        bytes = probe.lastPayloadBytes();
      }
      if (!steadyHead() || bytes < 1024 || System.nanoTime() > until) {
        System.out.printf(Locale.ROOT, "child agent: /passport/signed is %d bytes%n", bytes);
        return bytes;
      }
      Thread.sleep(2_000);
    }
  }

  /** JVM options onto {@code cmd}; {@code NAME=value} words go to the child's environment (MALLOC_ARENA_MAX). */
  private static void splitOptions(String jvmOpts, List<String> cmd, Map<String, String> env) {
    for (String o : jvmOpts.trim().split("\\s+")) {
      if (o.isEmpty()) {
        continue;
      }
      int eq = o.indexOf('=');
      if (!o.startsWith("-") && eq > 0) {
        env.put(o.substring(0, eq), o.substring(eq + 1));
      } else {
        cmd.add(o);
      }
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: the agent's clean stop (and the AppCDS dump at exit)
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** Milliseconds from now until plain GET /passport answers 2.05, polling every 5 ms; -1 after the limit. */
  private static double firstServed(long t0, int port, long limitMs) throws IOException {
    byte[] get = coapGet("passport");
    InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    byte[] buf = new byte[2048];
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      s.setSoTimeout(5);
      int mid = 1;
      while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(limitMs)) {
        get[2] = (byte) (mid >> 8);
        get[3] = (byte) mid;
        mid++;
        s.send(new DatagramPacket(get, get.length, to));
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          s.receive(p);
          // 2.05 Content = 0x45 (a piggy-backed answer to our CON)
          if (p.getLength() >= 4 && (buf[1] & 0xff) == 0x45) {
            return (System.nanoTime() - t0) / 1e6;
          }
        } catch (SocketTimeoutException e) {
          // not up yet
        }
      }
    }
    return -1;
  }

  /** A CON GET with no token and one Uri-Path segment. */
  private static byte[] coapGet(String segment) {
    byte[] seg = segment.getBytes(StandardCharsets.US_ASCII);
    byte[] m = new byte[5 + seg.length];
    m[0] = 0x40; // version 1, CON, TKL 0
    m[1] = 0x01; // GET
    m[4] = (byte) (0xB0 | seg.length); // option 11 (Uri-Path), length < 13
    System.arraycopy(seg, 0, m, 5, seg.length);
    return m;
  }

  private static long[] memory(long pid) {
    try {
      long rss = -1;
      long hwm = -1;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("\\D", ""));
        } else if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      return new long[] {rss, hwm};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  private void rss() throws Exception {
    int clients = intOpt("clients", 32);
    int outstanding = intOpt("outstanding", 8);
    double seconds = doubleOpt("rss-seconds", 20);
    Bundle b = bundle("child-rss");
    List<String> results = new ArrayList<>();
    for (String variant : jvmVariants) {
      Path log = work.resolve("agent-rss-" + results.size() + ".log");
      long t0 = System.nanoTime();
      Process p = launch(b, variant, log);
      try {
        double up = firstServed(t0, b.plainPort(), 30_000);
        if (up < 0) {
          throw new IllegalStateException("the agent did not answer within 30 s; see " + log);
        }
        signedHeadBytes(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.dtlsPort()), b);
        long[] idle = memory(p.pid());
        long[] max = {0};
        List<long[]> trace = java.util.Collections.synchronizedList(new ArrayList<>());
        long tStart = System.nanoTime();
        Thread sampler = new Thread(() -> {
          while (!Thread.currentThread().isInterrupted()) {
            long[] m = memory(p.pid());
            trace.add(new long[] {(System.nanoTime() - tStart) / 1_000_000, m[0], m[1]});
            max[0] = Math.max(max[0], m[0]);
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        CoapLoad.Round round;
        try (CoapLoad load = new CoapLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.dtlsPort()),
            "passport/signed", clients, outstanding, b.role())) {
          load.connect(30_000);
          round = load.run("child-agent-dtls", 1, seconds);
        }
        sampler.interrupt();
        sampler.join();
        if (opts.containsKey("histogram")) { // diagnosis: what the agent holds after the load
          String base = opts.get("histogram") + "-" + results.size();
          String pid = Long.toString(p.pid());
          for (List<String> c : List.of(List.of("jcmd", pid, "VM.native_memory", "summary"),
              List.of("pmap", "-x", pid), List.of("cat", "/proc/" + pid + "/smaps_rollup"),
              List.of("jcmd", pid, "GC.class_histogram"))) {
            new ProcessBuilder(c).redirectErrorStream(true)
                .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(Path.of(base + ".txt").toFile())).start()
                .waitFor(30, TimeUnit.SECONDS);
          }
        }
        long[] end = memory(p.pid());
        boolean alive = p.isAlive();
        System.out.printf(Locale.ROOT, "rss [%s]: up in %.0f ms, idle RSS %d kB; under load max RSS %d kB, VmHWM %d"
            + " kB; %.0f req/s p50 %.0f us p99 %.0f us errors %d timeouts %d; alive %s; load %s%n", variant, up,
            idle[0], max[0], end[1], round.rps(), round.p50Us(), round.p99Us(), round.errors(), round.timeouts(),
            alive, loadavg());
        String traceJson = trace.stream().filter(t -> t[1] > 0).map(t -> "[" + t[0] + "," + t[1] + "," + t[2] + "]")
            .collect(Collectors.joining(","));
        results.add(String.format(Locale.ROOT,
            "{\"jvm_options\":\"%s\",\"clients\":%d,\"outstanding_per_client\":%d,\"first_served_ms\":%.1f,"
                + "\"idle_rss_kb\":%d,\"max_rss_kb_under_load\":%d,\"vmhwm_kb_end\":%d,\"alive_after\":%s,"
                + "\"load\":%s,\"loadavg_end\":\"%s\",\"rss_trace_ms_rsskb_hwmkb\":[%s]}",
            variant, clients, outstanding, up, idle[0], max[0], end[1], alive, round.json(), loadavg(), traceJson));
      } finally {
        stop(p);
      }
    }
    json.append(",\n\"rss\":[\n").append(String.join(",\n", results)).append("\n]");
  }

  private void start() throws Exception {
    int starts = intOpt("starts", 5);
    String variant = opts.getOrDefault("start-opts", jvmVariants.get(jvmVariants.size() - 1));
    Bundle b = bundle("child-start");
    Path jsa = work.resolve("agent.jsa");
    // the first start makes nothing new (the bundle exists); one start unmeasured to warm the page cache
    Process warm = launch(b, variant, work.resolve("agent-start-warm.log"));
    firstServed(System.nanoTime(), b.plainPort(), 30_000);
    stop(warm);
    double[] plain = starts(b, variant, starts, "nocds");
    // the archive: one run that serves a few requests, then stops cleanly
    Process dump = launch(b, variant + " -XX:ArchiveClassesAtExit=" + jsa, work.resolve("agent-cds-dump.log"));
    double dumpUp = firstServed(System.nanoTime(), b.plainPort(), 30_000);
    try (CoapLoad load = new CoapLoad(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.dtlsPort()),
        "passport/signed", 2, 2, b.role())) {
      load.connect(30_000);
      load.run("cds-training", 1, 1);
    }
    stop(dump);
    System.out.printf(Locale.ROOT, "AppCDS archive %s: %d bytes (dump run up in %.0f ms)%n", jsa,
        Files.exists(jsa) ? Files.size(jsa) : -1, dumpUp);
    double[] cds = Files.exists(jsa) ? starts(b, variant + " -XX:SharedArchiveFile=" + jsa, starts, "cds")
        : new double[0];
    json.append(",\n\"start\":{\"jvm_options\":\"").append(variant).append("\",\"archive_bytes\":")
        .append(Files.exists(jsa) ? Files.size(jsa) : -1).append(",\"first_served_ms_without_cds\":")
        .append(Arrays.toString(plain)).append(",\"median_without_cds\":").append(plain.length == 0 ? "null"
            : String.format(Locale.ROOT, "%.1f", median(plain))).append(",\"first_served_ms_with_cds\":")
        .append(Arrays.toString(cds)).append(",\"median_with_cds\":").append(cds.length == 0 ? "null"
            : String.format(Locale.ROOT, "%.1f", median(cds))).append('}');
  }

  // ---------------------------------------------------------------------------------------------
  // cpu: server CPU time per request, agent and hello-world each in its own process

  private void cpu() throws Exception {
    int clients = intOpt("clients", 32);
    int outstanding = intOpt("outstanding", 8);
    int rounds = intOpt("rounds", 5);
    double seconds = doubleOpt("seconds", 5);
    double warmup = doubleOpt("warmup", 5);
    long ticksPerSecond = clockTicks();
    List<String> results = new ArrayList<>();
    for (String variant : jvmVariants) {
      Bundle b = bundle("child-cpu-" + results.size());
      Process agent = launch(b, variant, work.resolve("agent-cpu-" + results.size() + ".log"));
      Process hello = null;
      try {
        if (firstServed(System.nanoTime(), b.plainPort(), 30_000) < 0) {
          throw new IllegalStateException("the agent did not answer within 30 s");
        }
        InetSocketAddress agentDtls = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.dtlsPort());
        int signedBytes = signedHeadBytes(agentDtls, b);
        Path helloLog = work.resolve("hello-cpu-" + results.size() + ".log");
        hello = launchHello(b, variant, signedBytes, helloLog);
        InetSocketAddress helloDtls = new InetSocketAddress(InetAddress.getLoopbackAddress(), readyPort(hello, helloLog));
        List<double[]> perRound = new ArrayList<>(); // {agent rps, agent cpu us/req, hello rps, hello cpu us/req}
        try (CoapLoad a = new CoapLoad(agentDtls, "passport/signed", clients, outstanding, b.role());
            CoapLoad h = new CoapLoad(helloDtls, "hello-signed", clients, outstanding, b.role())) {
          a.connect(30_000);
          h.connect(30_000);
          a.run("cpu-agent-warmup", 0, warmup);
          h.run("cpu-hello-warmup", 0, warmup);
          for (int r = 1; r <= rounds; r++) {
            double[] row = new double[4];
            for (boolean agentFirst : r % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
              Process p = agentFirst ? agent : hello;
              CoapLoad l = agentFirst ? a : h;
              long before = cpuTicks(p.pid());
              CoapLoad.Round round = l.run(agentFirst ? "cpu-agent" : "cpu-hello", r, seconds);
              double cpuSeconds = (cpuTicks(p.pid()) - before) / (double) ticksPerSecond;
              double usPerRequest = cpuSeconds * 1e6 / Math.max(1, round.ok());
              int at = agentFirst ? 0 : 2;
              row[at] = round.rps();
              row[at + 1] = usPerRequest;
              System.out.printf(Locale.ROOT, "  %-10s r%d %8.0f req/s, server CPU %.2f s = %.0f us/request"
                  + " (errors %d, timeouts %d, load %s)%n", round.target(), r, round.rps(), cpuSeconds, usPerRequest,
                  round.errors(), round.timeouts(), loadavg());
            }
            perRound.add(row);
          }
        }
        double agentUs = median(perRound.stream().mapToDouble(x -> x[1]).toArray());
        double helloUs = median(perRound.stream().mapToDouble(x -> x[3]).toArray());
        double ratio = median(perRound.stream().mapToDouble(x -> x[3] / x[1]).toArray());
        System.out.printf(Locale.ROOT, "cpu [%s]: %d-byte signed update; agent %.0f us CPU/request (%.0f req/s on 2"
            + " cores alone), hello-world %.0f us (%.0f req/s); capacity ratio per round, median %.3f%n", variant,
            signedBytes, agentUs, 2e6 / agentUs, helloUs, 2e6 / helloUs, ratio);
        results.add(String.format(Locale.ROOT,
            "{\"jvm_options\":\"%s\",\"signed_bytes\":%d,\"clients\":%d,\"outstanding_per_client\":%d,"
                + "\"agent_cpu_us_per_request_median\":%.1f,\"hello_cpu_us_per_request_median\":%.1f,"
                + "\"agent_capacity_2_cores\":%.0f,\"hello_capacity_2_cores\":%.0f,\"capacity_ratio_median\":%.3f,"
                + "\"rounds_agent_rps_agent_us_hello_rps_hello_us\":%s}",
            variant, signedBytes, clients, outstanding, agentUs, helloUs, 2e6 / agentUs, 2e6 / helloUs, ratio,
            perRound.stream().map(x -> String.format(Locale.ROOT, "[%.0f,%.1f,%.0f,%.1f]", x[0], x[1], x[2], x[3]))
                .collect(Collectors.joining(",", "[", "]"))));
      } finally {
        stop(agent);
        if (hello != null) {
          hello.destroyForcibly().waitFor();
        }
      }
    }
    json.append(",\n\"cpu\":[\n").append(String.join(",\n", results)).append("\n]");
  }

  private Process launchHello(Bundle b, String jvmOpts, int signedBytes, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java));
    Map<String, String> env = new LinkedHashMap<>();
    splitOptions(jvmOpts, cmd, env);
    cmd.addAll(List.of("-cp", opts.getOrDefault("bench-jar", "bench/target/benchmarks.jar"),
        HelloWorldChild.class.getName(), b.dir().resolve("agent.yaml").toString(), Integer.toString(signedBytes), "16"));
    californium().ifPresent(f -> cmd.add(f.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    return p;
  }

  /** Waits for the child's {@code READY <dtls port> <plain port>} line in its log. */
  private static int readyPort(Process hello, Path log) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
        if (line.startsWith("READY ")) {
          return Integer.parseInt(line.split(" ")[1]);
        }
      }
      if (!hello.isAlive()) {
        throw new IllegalStateException("the hello-world child exited with " + hello.exitValue() + "; see " + log);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the hello-world child did not start within 30 s; see " + log);
  }

  /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14, 15 counted from 1 before the name's end
  }

  private static long clockTicks() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    p.waitFor();
    return Long.parseLong(out);
  }

  private double[] starts(Bundle b, String variant, int n, String name) throws Exception {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Process p = launch(b, variant, work.resolve("agent-start-" + name + "-" + i + ".log"));
      out[i] = firstServed(t0, b.plainPort(), 30_000);
      stop(p);
      System.out.printf(Locale.ROOT, "start %s #%d: first /passport 2.05 after %.1f ms (load %s)%n", name, i + 1,
          out[i], loadavg());
    }
    System.out.printf(Locale.ROOT, "start %s: median %.1f ms of %s%n", name, median(out), Arrays.toString(out));
    return out;
  }
}

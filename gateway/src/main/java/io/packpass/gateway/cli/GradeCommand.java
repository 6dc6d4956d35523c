package io.packpass.gateway.cli;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.Role;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.gateway.coap.CoapAgentLink;
import io.packpass.gateway.coap.CoapCollectorEndpoints;
import io.packpass.gateway.collect.AgentUnavailableException;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.grading.FreshCheck;
import io.packpass.gateway.grading.Grader;
import io.packpass.gateway.grading.GradingInput;
import io.packpass.gateway.grading.GradingResult;
import io.packpass.gateway.grading.RuleSet;
import io.packpass.gateway.grading.RuleSetLoader;
import io.packpass.gateway.http.RegistryClient;
import io.packpass.gateway.registry.LogEntry;
import io.packpass.gateway.registry.LogKind;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.UpdateCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gateway grade}: on site next to the pack. Asks the agent for a fresh signed reading with a
 * new nonce (DTLS with the grader's credential), verifies it (pack signature, certificate chain to the
 * root, nonce, time) and checks it against the registry's history, runs the rule chain, signs the
 * decision with the grader's key and submits it to the registry's log with the reading as evidence.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
    description = {"Grade a pack from a fresh signed reading and record the signed decision at the registry.",
        "Prints every rule of the chain with the data it used, then the route and grade."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:decision recorded (or, with --dry-run, evaluated)", "2:bad usage or configuration",
        "3:internal error", "4:the agent, its reading or the registry said no (the line says why)"},
    footerHeading = "%nExample:%n",
    footer = {"  ./packpass gateway grade coaps://10.0.0.5:5684 --credential grader.p12 --passphrase-file grader.pass \\",
        "      --trust root.pem --crl crl.pem --registry https://registry.example:8443 --registry-trust registry-ca.pem \\",
        "      --min-cell-mv 3210 --cell-spread-mv 18 [--capacity-test-mah 196000] [--finding swelling]"})
public final class GradeCommand implements Callable<Integer> {
  public static final int REFUSED = 4;
  /** The method of an SOH measured on site (UL 1974 capacity test), as the decision's data names it. */
  static final String CAPACITY_TEST = "capacity-test/grader";

  @Parameters(index = "0", paramLabel = "AGENT", description = "The pack's agent, coaps://host[:port].")
  URI agent;

  @Mixin
  CredentialOptions credential;

  @Option(names = "--trust", required = true, paramLabel = "PEM", description = "The manufacturer's root certificate(s).")
  Path trust;

  @Option(names = "--crl", paramLabel = "PEM", description = "The manufacturer's CRL.")
  Path crl;

  @Option(names = "--registry", required = true, paramLabel = "URL", description = "The registry, https://host[:port].")
  URI registry;

  @Option(names = "--registry-trust", paramLabel = "PEM",
      description = "CA of the registry's TLS certificate (default: the JDK's).")
  Path registryTrust;

  @Option(names = "--rules", paramLabel = "YAML", description = "A grading rule file (default: the bundled one).")
  Path rules;

  @Option(names = "--min-cell-mv", paramLabel = "MV", description = "Lowest cell voltage measured at rest.")
  Long minCellMv;

  @Option(names = "--cell-spread-mv", paramLabel = "MV", description = "Highest minus lowest cell voltage at rest.")
  Long cellSpreadMv;

  @Option(names = "--capacity-test-mah", paramLabel = "MAH",
      description = "Remaining capacity measured in a full charge/discharge test on site; its SOH (against the"
          + " rated capacity) is graded instead of the pack's own estimate.")
  Long capacityTestMah;

  @Option(names = "--finding", paramLabel = "WHAT", description = "What inspection found (swelling, leakage, ...); repeatable.")
  List<String> findings = new ArrayList<>();

  @Option(names = "--dry-run", description = "Evaluate and print, but do not sign or submit.")
  boolean dryRun;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (!"coaps".equals(agent.getScheme())) {
      throw new GatewayConfigException("AGENT must be coaps://host[:port]: a fresh reading is only served over DTLS");
    }
    Clock clock = Clock.systemUTC();
    char[] passphrase = credential.passphrase();
    KeyStore store = credential.keyStore(passphrase);
    TlsContexts.KeyAndChain key = TlsContexts.keyAndChain(store, passphrase);
    if (RoleCertificates.roleOf(key.chain().get(0)).filter(r -> r == Role.GRADER).isEmpty()) {
      throw new GatewayConfigException(credential.credential + ": not a grader credential ("
          + key.chain().get(0).getSubjectX500Principal() + ")");
    }
    TrustStore roots = TrustStore.load(trust, Optional.ofNullable(crl));
    RuleSet ruleSet = rules == null ? RuleSetLoader.bundled() : RuleSetLoader.load(rules);
    RegistryClient registryClient = new RegistryClient(registry, TlsContexts.client(store, passphrase,
        Optional.ofNullable(registryTrust).map(TrustStore::certificates)), Duration.ofSeconds(20));

    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    byte[] answer;
    try (CoapCollectorEndpoints coap = CoapCollectorEndpoints.start(key.key(), key.chain(), roots.roots())) {
      CoapAgentLink link = new CoapAgentLink(agent, coap, 15_000);
      try {
        answer = link.fresh(nonce);
      } finally {
        link.close();
      }
    } catch (AgentUnavailableException e) {
      return refused("the agent at " + agent + ": " + e.getMessage());
    }
    Instant now = clock.instant();
    SignedUpdate fresh;
    RegistryClient.Held held;
    try {
      fresh = FreshCheck.verify(answer, nonce, new UpdateCertificates(roots, clock), now);
      held = registryClient.passport(fresh.payload().passportId());
      Optional<byte[]> heldAtSeq = fresh.payload().seq() <= held.headSeq()
          ? registryClient.hashAt(fresh.payload().passportId(), fresh.payload().seq()) : Optional.empty();
      FreshCheck.againstHistory(fresh, fresh.payload().passportId(), held.passport(), held.headSeq(), held.headHash(),
          held.headTime(), heldAtSeq);
    } catch (FreshCheck.FreshReadingException e) {
      return refused(e.getMessage());
    }
    out.printf("pack %s, fresh reading seq %d at %s (registry holds up to seq %d)%n",
        fresh.payload().passportId().elementString(), fresh.payload().seq(), fresh.payload().time(), held.headSeq());
    Condition freshCondition = Condition.fromCbor(fresh.payload().body(), "$.6");
    if (capacityTestMah != null) {
      long rated = held.passport().model().performance().ratedCapacityMah();
      long soh = Math.min(10_000, capacityTestMah * 10_000 / rated);
      EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
      values.put(Quantity.STATE_OF_HEALTH, new Measured(soh, now.truncatedTo(ChronoUnit.SECONDS), CAPACITY_TEST, 0));
      freshCondition = freshCondition.mergedWith(Condition.of(values));
      out.printf("capacity test: %d mAh of %d mAh rated%n", capacityTestMah, rated);
    }
    GradingInput input = GradingInput.of(held.passport(), registryClient.readings(fresh.payload().passportId()),
        freshCondition,
        minCellMv == null ? OptionalLong.empty() : OptionalLong.of(minCellMv),
        cellSpreadMv == null ? OptionalLong.empty() : OptionalLong.of(cellSpreadMv), Set.copyOf(findings), now);
    GradingResult result = Grader.evaluate(ruleSet, input);
    for (GradingResult.Finding f : result.findings()) {
      out.printf("  %-6s %-28s %s%n", f.fired() ? "FIRED" : "ok", f.rule(), f.text());
    }
    out.printf("route %s, grade %s (rules %s)%n", result.route().id(), result.grade(), result.ruleSet());
    if (dryRun) {
      out.println("dry run: nothing signed or submitted");
      out.flush();
      return 0;
    }
    if (input.soh().isEmpty()) {
      out.flush();
      return refused("no state of health to grade: the pack's readings carry none yet (its agent reports one"
          + " after a full charge and discharge); measure one with --capacity-test-mah. Nothing recorded");
    }
    String grader = key.chain().get(0).getSubjectX500Principal().getName();
    Instant time = now.truncatedTo(ChronoUnit.SECONDS);
    List<Decision.Reason> reasons = result.fired().stream()
        .map(f -> new Decision.Reason(f.rule(), f.text().length() > 256 ? f.text().substring(0, 253) + "..." : f.text()))
        .toList();
    Decision decision = new Decision(result.route(), result.grade(), reasons, result.ruleSet(), grader, time,
        result.sohCpct());
    SoftwareSigner signer = SoftwareSigner.fromPkcs8(key.key().getEncoded()).withCertificateChain(der(key.chain()));
    LogEntry entry = LogEntry.sign(signer, new LogEntry.Payload(fresh.payload().passportId(), held.logSeq() + 1,
        held.logHash().orElse(LogEntry.genesis()), time, LogKind.DECISION, UpdateBody.decision(decision),
        fresh.payload().seq(), fresh.hash(), Optional.of(fresh.encoded()), Optional.empty()));
    RegistryClient.Answer submitted = registryClient.submit(fresh.payload().passportId(), entry.encoded());
    if (!"accepted".equals(submitted.outcome()) && !"duplicate".equals(submitted.outcome())) {
      return refused("the registry refused the decision (" + submitted.status() + " "
          + submitted.reason().orElse("?") + "): " + submitted.detail());
    }
    out.printf("decision recorded: log seq %d of %s%n", entry.payload().seq(),
        fresh.payload().passportId().elementString());
    out.flush();
    return 0;
  }

  private int refused(String why) {
    spec.commandLine().getErr().println("packpass gateway: grade: " + why);
    spec.commandLine().getErr().flush();
    return REFUSED;
  }

  static List<byte[]> der(List<X509Certificate> chain) {
    List<byte[]> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        out.add(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode " + c.getSubjectX500Principal(), e);
      }
    }
    return out;
  }
}

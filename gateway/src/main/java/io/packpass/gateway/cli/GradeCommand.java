package io.packpass.gateway.cli;

import io.packpass.core.passport.Role;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.config.GatewayConfigException;
import io.packpass.gateway.grading.FreshGrading;
import io.packpass.gateway.grading.RuleSet;
import io.packpass.gateway.grading.RuleSetLoader;
import io.packpass.gateway.http.RegistryClient;
import io.packpass.gateway.tls.TlsContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
    FreshGrading.Inspection inspection = new FreshGrading.Inspection(optional(minCellMv), optional(cellSpreadMv),
        optional(capacityTestMah), Set.copyOf(findings));

    FreshGrading.Outcome outcome = new FreshGrading(key, roots, ruleSet, registryClient, clock)
        .grade(agent, inspection, dryRun, out::println);
    out.flush();
    if (outcome instanceof FreshGrading.Refused refused) {
      spec.commandLine().getErr().println("packpass gateway: grade: " + refused.why());
      spec.commandLine().getErr().flush();
      return REFUSED;
    }
    if (outcome instanceof FreshGrading.Recorded recorded) {
      out.printf("decision recorded: log seq %d of %s%n", recorded.logSeq(),
          recorded.fresh().payload().passportId().elementString());
    } else {
      out.println("dry run: nothing signed or submitted");
    }
    out.flush();
    return 0;
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}

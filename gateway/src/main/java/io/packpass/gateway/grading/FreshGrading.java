package io.packpass.gateway.grading;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Quantity;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.gateway.coap.CoapAgentLink;
import io.packpass.gateway.coap.CoapCollectorEndpoints;
import io.packpass.gateway.collect.AgentUnavailableException;
import io.packpass.gateway.http.RegistryClient;
import io.packpass.gateway.registry.LogEntry;
import io.packpass.gateway.registry.LogKind;
import io.packpass.gateway.tls.TlsContexts;
import io.packpass.gateway.verify.UpdateCertificates;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A grader's visit to one pack, as {@code gateway grade} and the demo make it: a fresh reading asked
 * over DTLS with a nonce, verified (signature, device certificate, nonce, clock), checked against what
 * the registry holds of the pack, graded by the rule set with the grader's inspection, and the decision
 * signed with the grader's key as a registry log entry whose evidence is the fresh reading.
 */
public final class FreshGrading {
  /** The method of an SOH measured on site (UL 1974 capacity test), as the decision's data names it. */
  public static final String CAPACITY_TEST = "capacity-test/grader";
  private static final int FRESH_TIMEOUT_MS = 15_000;

  /** What the grader measured and saw on site. */
  public record Inspection(OptionalLong minCellMv, OptionalLong cellSpreadMv, OptionalLong capacityTestMah,
      Set<String> findings) {
    public static final Inspection NONE = new Inspection(OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), Set.of());

    public Inspection {
      findings = Set.copyOf(findings);
    }
  }

  /** How a visit ended. */
  public sealed interface Outcome permits Recorded, Evaluated, Refused {
  }

  /** The decision is in the registry's log at {@code logSeq}. */
  public record Recorded(SignedUpdate fresh, GradingResult result, long logSeq) implements Outcome {
  }

  /** A dry run: graded, nothing signed or submitted. */
  public record Evaluated(SignedUpdate fresh, GradingResult result) implements Outcome {
  }

  /** The agent, its reading or the registry said no; nothing was recorded. */
  public record Refused(String why, Optional<GradingResult> result) implements Outcome {
  }

  private final TlsContexts.KeyAndChain grader;
  private final TrustStore roots;
  private final RuleSet rules;
  private final RegistryClient registry;
  private final Clock clock;

  /**
   * @param grader the grader's key and certificate chain (role {@code grader}), for DTLS and signing
   * @param roots the manufacturer's roots and CRL the pack's device certificate must chain to
   */
  public FreshGrading(TlsContexts.KeyAndChain grader, TrustStore roots, RuleSet rules, RegistryClient registry,
      Clock clock) {
    this.grader = Objects.requireNonNull(grader, "grader");
    this.roots = Objects.requireNonNull(roots, "roots");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param agent the pack's agent, {@code coaps://host[:port]}
   * @param progress gets one line per step (the pack and reading, each rule, the route)
   */
  public Outcome grade(URI agent, Inspection inspection, boolean dryRun, Consumer<String> progress)
      throws IOException, InterruptedException {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    byte[] answer;
    try (CoapCollectorEndpoints coap = CoapCollectorEndpoints.start(grader.key(), grader.chain(), roots.roots())) {
      CoapAgentLink link = new CoapAgentLink(agent, coap, FRESH_TIMEOUT_MS);
      try {
        answer = link.fresh(nonce);
      } finally {
        link.close();
      }
    } catch (AgentUnavailableException e) {
      return new Refused("the agent at " + agent + ": " + e.getMessage(), Optional.empty());
    }
    Instant now = clock.instant();
    SignedUpdate fresh;
    RegistryClient.Held held;
    try {
      fresh = FreshCheck.verify(answer, nonce, new UpdateCertificates(roots, clock), now);
      held = registry.passport(fresh.payload().passportId());
      Optional<byte[]> heldAtSeq = fresh.payload().seq() <= held.headSeq()
          ? registry.hashAt(fresh.payload().passportId(), fresh.payload().seq()) : Optional.empty();
      FreshCheck.againstHistory(fresh, fresh.payload().passportId(), held.passport(), held.headSeq(), held.headHash(),
          held.headTime(), heldAtSeq);
    } catch (FreshCheck.FreshReadingException e) {
      return new Refused(e.getMessage(), Optional.empty());
    }
    progress.accept(String.format("pack %s, fresh reading seq %d at %s (registry holds up to seq %d)",
        fresh.payload().passportId().elementString(), fresh.payload().seq(), fresh.payload().time(), held.headSeq()));
    Condition freshCondition = Condition.fromCbor(fresh.payload().body(), "$.6");
    if (inspection.capacityTestMah().isPresent()) {
      long measured = inspection.capacityTestMah().getAsLong();
      long rated = held.passport().model().performance().ratedCapacityMah();
      long soh = Math.min(10_000, measured * 10_000 / rated);
      EnumMap<Quantity, Measured> values = new EnumMap<>(Quantity.class);
      values.put(Quantity.STATE_OF_HEALTH, new Measured(soh, now.truncatedTo(ChronoUnit.SECONDS), CAPACITY_TEST, 0));
      freshCondition = freshCondition.mergedWith(Condition.of(values));
      progress.accept(String.format("capacity test: %d mAh of %d mAh rated", measured, rated));
    }
    GradingInput input = GradingInput.of(held.passport(), registry.readings(fresh.payload().passportId()),
        freshCondition, inspection.minCellMv(), inspection.cellSpreadMv(), inspection.findings(), now);
    GradingResult result = Grader.evaluate(rules, input);
    for (GradingResult.Finding f : result.findings()) {
      progress.accept(String.format("  %-6s %-28s %s", f.fired() ? "FIRED" : "ok", f.rule(), f.text()));
    }
    progress.accept(String.format("route %s, grade %s (rules %s)", result.route().id(), result.grade(),
        result.ruleSet()));
    if (dryRun) {
      return new Evaluated(fresh, result);
    }
    if (input.soh().isEmpty()) {
      return new Refused("no state of health to grade: the pack's readings carry none yet (its agent reports one"
          + " after a full charge and discharge); measure one with --capacity-test-mah. Nothing recorded",
          Optional.of(result));
    }
    String name = grader.chain().get(0).getSubjectX500Principal().getName();
    Instant time = now.truncatedTo(ChronoUnit.SECONDS);
    List<Decision.Reason> reasons = result.fired().stream()
        .map(f -> new Decision.Reason(f.rule(), f.text().length() > 256 ? f.text().substring(0, 253) + "..." : f.text()))
        .toList();
    Decision decision = new Decision(result.route(), result.grade(), reasons, result.ruleSet(), name, time,
        result.sohCpct());
    SoftwareSigner signer = grader.signer();
    LogEntry entry = LogEntry.sign(signer, new LogEntry.Payload(fresh.payload().passportId(), held.logSeq() + 1,
        held.logHash().orElse(LogEntry.genesis()), time, LogKind.DECISION, UpdateBody.decision(decision),
        fresh.payload().seq(), fresh.hash(), Optional.of(fresh.encoded()), Optional.empty()));
    RegistryClient.Answer submitted = registry.submit(fresh.payload().passportId(), entry.encoded());
    if (!"accepted".equals(submitted.outcome()) && !"duplicate".equals(submitted.outcome())) {
      return new Refused("the registry refused the decision (" + submitted.status() + " "
          + submitted.reason().orElse("?") + "): " + submitted.detail(), Optional.of(result));
    }
    return new Recorded(fresh, result, entry.payload().seq());
  }
}

package io.packpass.core.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Decision;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.passport.Route;
import io.packpass.core.passport.StatusRecord;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.testing.FuzzBudget;
import io.packpass.core.update.Verdict.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chain logic under adversarial but well-signed sequences: the fuzzer picks each update's seq,
 * prev, time, kind, body, passport and signer (honest next links, gaps, forks, rollbacks, replays,
 * strangers, keys beyond their grant), and each is signed for real so that it passes the signature
 * check and reaches the chain. Invariants, checked after every offer: {@link UpdateChain#offer} never
 * throws; ACCEPTED only for the next seq chained to the head's hash, not earlier than the head, not
 * beyond the clock tolerance, by a key entitled to that kind of update of that passport, with no
 * monotonic counter going down; DUPLICATE exactly for a byte-identical accepted update; any other
 * verdict leaves the chain as it was. At the end the accepted log is a hash chain from genesis that
 * a fresh verifier accepts again, update by update, to the same passport.
 */
class ChainVerifierFuzzTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
  private static final PassportId ID = SamplePassports.evId();
  private static final PassportId OTHER = SamplePassports.lmtId();
  private static final long MAX_TIME = 253402300799L;
  private static final int MAX_STEPS = 12;

  private static final SoftwareSigner MANUFACTURER = signer(1);
  private static final SoftwareSigner DEVICE = signer(2);
  private static final SoftwareSigner OFFICER = signer(3);
  private static final SoftwareSigner STRANGER = signer(4);
  private static final List<SoftwareSigner> SIGNERS = List.of(MANUFACTURER, DEVICE, OFFICER, STRANGER);
  /** The grants of the key directory below, restated as the oracle: signer to the kinds it may sign. */
  private static final Map<SoftwareSigner, Set<UpdateKind>> GRANTS = Map.of(
      MANUFACTURER, EnumSet.of(UpdateKind.BIRTH),
      DEVICE, EnumSet.of(UpdateKind.READING, UpdateKind.EVENT),
      OFFICER, EnumSet.of(UpdateKind.STATUS, UpdateKind.DECISION),
      STRANGER, EnumSet.noneOf(UpdateKind.class));
  private static final ChainVerifier VERIFIER = new ChainVerifier(new KeyDirectory()
      .manufacturer(MANUFACTURER.verificationKey())
      .device(DEVICE.verificationKey(), ID)
      .grant(OFFICER.verificationKey(), EnumSet.of(UpdateKind.STATUS, UpdateKind.DECISION), Optional.of(ID)),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @FuzzTest(maxDuration = FuzzBudget.CI)
  void accepts_only_a_signed_next_link_and_keeps_the_chain_a_chain(FuzzedDataProvider data) {
    UpdateChain chain = new UpdateChain(VERIFIER);
    List<SignedUpdate> offered = new ArrayList<>();
    for (int step = 0; step < MAX_STEPS && data.remainingBytes() > 0; step++) {
      boolean replay = !offered.isEmpty() && data.consumeInt(0, 7) == 7;
      Optional<SignedUpdate> update = replay
          ? Optional.of(offered.get(data.consumeInt(0, offered.size() - 1)))
          : forge(data, chain);
      if (update.isPresent()) { // else not a well-formed update: refused by SignedUpdate.parse, before any chain
        offered.add(update.get());
        offer(chain, update.get());
      }
    }
    assertIsAChainThatReplays(chain);
  }

  /** Offers {@code update} and checks the verdict against what the chain was before. */
  private static void offer(UpdateChain chain, SignedUpdate update) {
    long head = chain.headSeq();
    Optional<Passport> before = chain.passport();
    byte[] headHash = head < 0 ? UpdatePayload.genesis() : chain.hashAt(head).orElseThrow();
    UpdatePayload p = update.payload();
    Optional<byte[]> sameSeq = chain.hashAt(p.seq());
    boolean identical = sameSeq.isPresent() && Arrays.equals(sameSeq.get(), update.hash());

    Verdict verdict = chain.offer(update);

    assertThat(verdict.outcome() == Outcome.DUPLICATE).as("DUPLICATE exactly for a byte-identical update: %s", verdict)
        .isEqualTo(identical);
    if (!verdict.outcome().isAccepted()) {
      assertThat(chain.headSeq()).as("a refused update leaves the chain: %s", verdict).isEqualTo(head);
      assertThat(chain.passport()).isEqualTo(before);
      assertThat(verdict.passport()).isEmpty();
      return;
    }
    assertThat(p.seq()).as("no gap, fork or rollback is accepted: %s", verdict).isEqualTo(head + 1);
    assertThat(p.prev()).as("accepted only when chained to the head").isEqualTo(headHash);
    before.flatMap(Passport::lastUpdate).ifPresent(t -> assertThat(p.time()).isAfterOrEqualTo(t));
    assertThat(p.time()).isBeforeOrEqualTo(NOW.plus(ChainVerifier.DEFAULT_CLOCK_TOLERANCE));
    before.ifPresent(b -> assertThat(p.passportId()).isEqualTo(b.id()));
    SoftwareSigner signer = signerOf(update);
    assertThat(GRANTS.get(signer)).as("signed by a key entitled to %s", p.kind()).contains(p.kind());
    assertThat(p.kind() == UpdateKind.BIRTH || p.passportId().equals(ID)).isTrue();
    assertThat(update.cose().verify(signer.verificationKey())).isTrue();
    Passport after = chain.passport().orElseThrow();
    assertThat(verdict.passport()).contains(after);
    assertThat(chain.headSeq()).isEqualTo(head + 1);
    assertThat(chain.hashAt(head + 1).orElseThrow()).isEqualTo(update.hash());
    before.flatMap(Passport::condition).ifPresent(c -> assertCountersDidNotGoDown(c, after.condition()));
  }

  private static void assertCountersDidNotGoDown(Condition before, Optional<Condition> after) {
    for (Quantity q : Quantity.values()) {
      Optional<Measured> old = before.get(q);
      if (q.isMonotonic() && old.isPresent()) {
        after.flatMap(c -> c.get(q)).ifPresent(now -> assertThat(now.value()).as(q.label())
            .isGreaterThanOrEqualTo(old.get().value()));
      }
    }
  }

  private static void assertIsAChainThatReplays(UpdateChain chain) {
    List<SignedUpdate> log = chain.since(0);
    assertThat(log).hasSize((int) chain.headSeq() + 1);
    UpdateChain again = new UpdateChain(VERIFIER);
    byte[] prev = UpdatePayload.genesis();
    for (int i = 0; i < log.size(); i++) {
      UpdatePayload p = log.get(i).payload();
      assertThat(p.seq()).isEqualTo(i);
      assertThat(p.prev()).isEqualTo(prev);
      prev = log.get(i).hash();
      assertThat(again.offer(SignedUpdate.parse(log.get(i).encoded())).outcome()).isEqualTo(Outcome.ACCEPTED);
    }
    assertThat(again.passport()).isEqualTo(chain.passport());
  }

  /**
   * An update whose every field the fuzzer chose, signed for real; empty when it does not parse. The
   * honest choice of each field is 0, so that zeros (and an input that has run out) build a valid chain
   * for the other choices to depart from.
   */
  private static Optional<SignedUpdate> forge(FuzzedDataProvider data, UpdateChain chain) {
    long head = chain.headSeq();
    long seq = switch (data.consumeInt(0, 3)) {
      case 0 -> head + 1;
      case 1 -> head + 1 + data.consumeLong(1, 1_000); // a gap
      case 2 -> data.consumeLong(0, Math.max(0, head)); // a seq already taken: fork, rollback or replay
      default -> data.consumeLong(0, Long.MAX_VALUE);
    };
    UpdateKind kind = data.consumeInt(0, 15) == 15 ? data.pickValue(UpdateKind.values())
        : seq == 0 ? UpdateKind.BIRTH : data.pickValue(EnumSet.range(UpdateKind.READING, UpdateKind.DECISION));
    byte[] prev = switch (data.consumeInt(0, 3)) {
      case 0 -> seq == 0 ? UpdatePayload.genesis()
          : chain.hashAt(seq - 1).orElseGet(() -> chain.hashAt(head).orElse(UpdatePayload.genesis()));
      case 1 -> chain.hashAt(data.consumeLong(0, Math.max(0, head))).orElse(UpdatePayload.genesis());
      case 2 -> Arrays.copyOf(data.consumeBytes(UpdatePayload.HASH_LENGTH), UpdatePayload.HASH_LENGTH);
      default -> UpdatePayload.genesis();
    };
    Instant base = chain.passport().flatMap(Passport::lastUpdate).orElse(T0);
    long time = switch (data.consumeInt(0, 3)) {
      case 0 -> base.getEpochSecond() + data.consumeLong(0, Duration.ofDays(30).toSeconds());
      case 1 -> base.getEpochSecond() - data.consumeLong(1, Duration.ofDays(30).toSeconds()); // back in time
      case 2 -> NOW.getEpochSecond() + data.consumeLong(-600, 600); // around the clock tolerance
      default -> data.consumeLong(0, MAX_TIME);
    };
    PassportId passport = data.consumeInt(0, 15) == 15 ? OTHER : ID;
    SoftwareSigner signer = data.consumeInt(0, 7) == 7 ? data.pickValue(SIGNERS) : entitled(kind);
    Cbor.Map body = body(data, kind, Instant.ofEpochSecond(Math.max(0, time)));
    CborMapBuilder payload = CborMapBuilder.map().put(1, passport.elementString()).put(2, seq).put(3, prev)
        .put(4, time).put(5, kind.code()).put(6, body);
    if (data.consumeInt(0, 7) == 7) {
      payload.put(7, data.consumeBytes(data.consumeInt(0, 70))); // a nonce, of a length that may be wrong
    }
    byte[] bytes = CoseSign1.sign(signer, CborEncoder.encode(payload.build())).encoded();
    try {
      return Optional.of(SignedUpdate.parse(bytes));
    } catch (UpdateFormatException refused) {
      return Optional.empty();
    }
  }

  private static Cbor.Map body(FuzzedDataProvider data, UpdateKind kind, Instant time) {
    if (data.consumeInt(0, 7) == 7) { // whatever CBOR map a careless or hostile signer sends
      try {
        if (CborDecoder.decode(data.consumeBytes(data.consumeInt(1, 512))) instanceof Cbor.Map map) {
          return map;
        }
      } catch (CborException notCbor) {
        // an empty body, then
      }
      return Cbor.Map.empty();
    }
    switch (kind) {
      case BIRTH:
        return UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(),
            data.consumeBoolean() ? List.of() : List.of(OTHER));
      case READING:
        return UpdateBody.reading(SamplePassports.evReading(time, data.consumeLong(40, 10_000),
            data.consumeLong(0, 100_000), data.consumeLong(0, 1_000)));
      case EVENT:
        return UpdateBody.events(List.of(new NegativeEvent(data.pickValue(EventType.values()),
            time.minusSeconds(data.consumeLong(0, 86_400)), Optional.empty())));
      case STATUS:
        return UpdateBody.status(new StatusRecord(data.pickValue(BatteryStatus.values()), time, "Second Life Ltd"),
            data.consumeBoolean() ? Optional.of(OTHER) : Optional.empty());
      default:
        return UpdateBody.decision(new Decision(data.pickValue(Route.values()), "B", List.of(), "packpass-grading/1",
            "Grader GmbH", time, Optional.of(data.consumeLong(0, 10_000))));
    }
  }

  private static SoftwareSigner entitled(UpdateKind kind) {
    return SIGNERS.stream().filter(s -> GRANTS.get(s).contains(kind)).findFirst().orElseThrow();
  }

  private static SoftwareSigner signerOf(SignedUpdate update) {
    return SIGNERS.stream().filter(s -> s.keyId().equals(update.kid())).findFirst().orElseThrow();
  }

  private static SoftwareSigner signer(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return SoftwareSigner.ed25519(seed);
  }
}

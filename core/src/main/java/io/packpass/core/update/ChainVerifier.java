package io.packpass.core.update;

import io.packpass.core.cbor.CborException;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.passport.Condition;
import io.packpass.core.passport.Measured;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.Quantity;
import io.packpass.core.update.Verdict.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Classifies an incoming signed update against what is already known of its passport's chain.
 *
 * <p>Order of checks: an update byte-identical to an accepted one is a duplicate; otherwise the
 * key must be trusted for this passport and kind, the signature must verify and the time must not
 * lie beyond the clock tolerance in the future; only then is its place in the chain judged (gap,
 * fork, rollback) and its body applied. Nothing unverified ever reaches the passport.
 */
public final class ChainVerifier {
  public static final Duration DEFAULT_CLOCK_TOLERANCE = Duration.ofMinutes(5);

  private final TrustedKeys keys;
  private final Clock clock;
  private final Duration clockTolerance;

  public ChainVerifier(TrustedKeys keys, Clock clock, Duration clockTolerance) {
    this.keys = keys;
    this.clock = clock;
    this.clockTolerance = clockTolerance;
  }

  public ChainVerifier(TrustedKeys keys, Clock clock) {
    this(keys, clock, DEFAULT_CLOCK_TOLERANCE);
  }

  /** What is known of one passport's chain: the accepted hashes by seq and the folded passport. */
  public interface History {
    /** seq of the last accepted update, or -1 when nothing is accepted yet. */
    long headSeq();

    Optional<byte[]> hashAt(long seq);

    Optional<Passport> passport();
  }

  public Verdict check(History history, SignedUpdate update) {
    UpdatePayload payload = update.payload();
    long seq = payload.seq();
    Optional<Passport> current = history.passport();
    if (current.isPresent() && !current.get().id().equals(payload.passportId())) {
      return Verdict.of(Outcome.INVALID, "update is for " + payload.passportId() + ", this chain is "
          + current.get().id());
    }
    Optional<byte[]> known = history.hashAt(seq);
    if (known.isPresent() && Arrays.equals(known.get(), update.hash())) {
      return Verdict.of(Outcome.DUPLICATE, "seq " + seq + " is already accepted with the same hash");
    }

    Optional<VerificationKey> key = keys.find(update.kid(), payload.passportId(), payload.kind());
    if (key.isEmpty()) {
      return Verdict.of(Outcome.UNKNOWN_KEY, "kid " + update.kid() + " is not trusted to sign " + payload.kind()
          + " updates of " + payload.passportId());
    }
    try {
      if (!update.cose().verify(key.get())) {
        return Verdict.of(Outcome.BAD_SIGNATURE, "signature of seq " + seq + " does not verify with kid " + update.kid());
      }
    } catch (CoseException e) {
      return Verdict.of(Outcome.BAD_SIGNATURE, e.getMessage());
    }
    Instant latest = clock.instant().plus(clockTolerance);
    if (payload.time().isAfter(latest)) {
      return Verdict.of(Outcome.CLOCK_OUT_OF_TOLERANCE, "update time " + payload.time() + " is more than "
          + clockTolerance.toSeconds() + " s ahead of this clock (" + clock.instant() + ")");
    }

    long head = history.headSeq();
    if (known.isPresent()) {
      return Verdict.of(Outcome.FORK, "seq " + seq + " was already accepted with hash " + hex(known.get())
          + ", this one has " + hex(update.hash()));
    }
    if (seq <= head) {
      return Verdict.of(Outcome.ROLLBACK, "seq " + seq + " is behind the head seq " + head);
    }
    if (seq > head + 1) {
      return Verdict.of(Outcome.GAP, "expected seq " + (head + 1) + ", got " + seq + ": fetch the missing updates");
    }
    byte[] expectedPrev = head < 0 ? UpdatePayload.genesis() : history.hashAt(head).orElseThrow();
    if (!Arrays.equals(expectedPrev, payload.prev())) {
      return Verdict.of(Outcome.FORK, "prev " + hex(payload.prev()) + " does not match the hash of seq " + head
          + " (" + hex(expectedPrev) + ")");
    }
    if (current.isPresent()) {
      Optional<Instant> headTime = current.get().lastUpdate();
      if (headTime.isPresent() && payload.time().isBefore(headTime.get())) {
        return Verdict.of(Outcome.ROLLBACK, "update time " + payload.time() + " is earlier than the previous update ("
            + headTime.get() + ")");
      }
    }

    Passport next;
    try {
      next = UpdateBody.apply(current, payload);
    } catch (CborException | IllegalArgumentException | IllegalStateException e) {
      return Verdict.of(Outcome.INVALID, "update body: " + e.getMessage());
    }
    Optional<String> decrease = counterDecrease(current.flatMap(Passport::condition), next.condition());
    if (decrease.isPresent()) {
      return Verdict.of(Outcome.ROLLBACK, decrease.get());
    }
    return new Verdict(Outcome.ACCEPTED, "seq " + seq + " " + payload.kind() + " accepted", Optional.of(next));
  }

  /** Monotonic counters (passport.md §7 DYN-4) never go down between signed updates. */
  private static Optional<String> counterDecrease(Optional<Condition> before, Optional<Condition> after) {
    if (before.isEmpty() || after.isEmpty()) {
      return Optional.empty();
    }
    for (Quantity quantity : Quantity.values()) {
      if (!quantity.isMonotonic()) {
        continue;
      }
      Optional<Measured> old = before.get().get(quantity);
      Optional<Measured> now = after.get().get(quantity);
      if (old.isPresent() && now.isPresent() && now.get().value() < old.get().value()) {
        return Optional.of(quantity.label() + " went down from " + quantity.format(old.get().value()) + " to "
            + quantity.format(now.get().value()));
      }
    }
    return Optional.empty();
  }

  private static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash, 0, 8) + "...";
  }
}

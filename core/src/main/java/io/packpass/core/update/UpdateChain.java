package io.packpass.core.update;

import io.packpass.core.passport.Passport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One passport's update chain held in memory: the accepted updates in seq order and the passport
 * folded from them. Rejected updates are not stored; forks are kept as evidence. Not thread-safe.
 */
public final class UpdateChain implements ChainVerifier.History {
  private final ChainVerifier verifier;
  private final List<SignedUpdate> accepted = new ArrayList<>();
  private final List<SignedUpdate> forks = new ArrayList<>();
  private Passport passport;

  public UpdateChain(ChainVerifier verifier) {
    this.verifier = verifier;
  }

  /** Verifies {@code update} and, if accepted, appends it and advances the passport. */
  public Verdict offer(SignedUpdate update) {
    Verdict verdict = verifier.check(this, update);
    if (verdict.outcome().isAccepted()) {
      accepted.add(update);
      passport = verdict.passport().orElseThrow();
    } else if (verdict.outcome() == Verdict.Outcome.FORK) {
      forks.add(update);
    }
    return verdict;
  }

  @Override
  public long headSeq() {
    return accepted.size() - 1;
  }

  @Override
  public Optional<byte[]> hashAt(long seq) {
    return seq >= 0 && seq < accepted.size() ? Optional.of(accepted.get((int) seq).hash()) : Optional.empty();
  }

  @Override
  public Optional<Passport> passport() {
    return Optional.ofNullable(passport);
  }

  /** Accepted updates from {@code seq} on (the log a collector catches up from). */
  public List<SignedUpdate> since(long seq) {
    return List.copyOf(accepted.subList((int) Math.min(Math.max(seq, 0), accepted.size()), accepted.size()));
  }

  public List<SignedUpdate> forks() {
    return List.copyOf(forks);
  }
}

package io.packpass.agent.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time the agent signs an update with. A Raspberry Pi has no RTC: it boots with the time
 * fake-hwclock saved (behind), and NTP steps it, usually forward, sometimes wrongly. A chain verifier
 * refuses an update earlier than the one before (ROLLBACK) and one more than 5 minutes ahead of its
 * own clock (CLOCK_OUT_OF_TOLERANCE), and every later update must be no earlier than it: one update
 * signed a year ahead blocks a gateway from taking anything for a year. So:
 *
 * <ul>
 *   <li><b>Never before the head.</b> A wall clock behind the journal's newest update signs with the
 *       head's time until the clock passes it (the smallest time a verifier accepts).
 *   <li><b>Forward steps settle first.</b> The wall clock is compared with a monotonic clock (which
 *       steps never move). When it jumps ahead of where the monotonic clock says it should be by more
 *       than {@link #STEP}, the agent keeps signing with the monotonic continuation of the last time it
 *       believed, for {@link #SETTLE}; a jump that is undone within that time (a bad NTP answer
 *       corrected) never reaches the chain. A jump that stays is believed after that (NTP correcting a
 *       fake-hwclock boot, the usual case): the agent has no better time source.
 *   <li><b>Backward steps are believed</b> (they cannot make a verifier refuse anything, the head rule
 *       above keeps the chain ordered).
 * </ul>
 *
 * Each step is logged once, with what the agent does about it. Not thread-safe: {@link PassportLog}
 * calls it under its lock.
 */
public final class SigningClock {
  private static final Logger LOG = LoggerFactory.getLogger(SigningClock.class);
  /**
   * A step, not NTP's slewing (at most 500 ppm: 43 s in a day, the longest between two updates), and
   * well inside a verifier's 5-minute tolerance, so a smaller jump cannot get an update refused.
   */
  public static final Duration STEP = Duration.ofSeconds(60);
  /** How long a forward jump must last before the agent signs with it. */
  public static final Duration SETTLE = Duration.ofMinutes(15);

  private final Clock wall;
  private final LongSupplier monotonicNanos;
  private final Duration settle;
  private Instant believedWall;
  private long believedAt;
  private Instant jumpWall;
  private long jumpAt;
  private boolean behindHead;

  /**
   * @param wall the wall clock (injected; the system's in production)
   * @param monotonicNanos a clock that steps never move ({@code System::nanoTime} in production)
   */
  public SigningClock(Clock wall, LongSupplier monotonicNanos) {
    this(wall, monotonicNanos, SETTLE);
  }

  SigningClock(Clock wall, LongSupplier monotonicNanos, Duration settle) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.monotonicNanos = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
    this.settle = Objects.requireNonNull(settle, "settle");
  }

  /**
   * Looks at the clock without signing (every poll), so a jump is noticed, settles and is undone on
   * time, not only when the next update is due (which may be an hour away).
   */
  void observe() {
    believed();
  }

  /** The time to sign the next update with, in whole seconds, never before {@code head}. */
  Instant next(Instant head) {
    Instant now = believed();
    Instant t = now.truncatedTo(ChronoUnit.SECONDS); // signed times are whole seconds (CDDL)
    if (t.isBefore(head)) {
      if (!behindHead) {
        behindHead = true;
        LOG.warn("clock {} is {} behind the newest signed update ({}); signing with that update's time until the"
            + " clock passes it (a verifier refuses an update earlier than the one before)", t,
            Duration.between(t, head), head);
      }
      return head;
    }
    if (behindHead) {
      behindHead = false;
      LOG.warn("clock {} has passed the newest signed update again; signing with the clock", t);
    }
    return t;
  }

  /** The wall clock if it can be believed, else the monotonic continuation of the last time that was. */
  private Instant believed() {
    Instant w = wall.instant();
    long m = monotonicNanos.getAsLong();
    if (believedWall == null) {
      return believe(w, m); // the first reading: nothing to check it against
    }
    Instant expected = believedWall.plusNanos(m - believedAt);
    Duration drift = Duration.between(expected, w);
    if (drift.compareTo(STEP) <= 0 && drift.compareTo(STEP.negated()) >= 0) {
      if (jumpWall != null) {
        LOG.warn("clock is back at {} (as the monotonic clock expects) after {} ahead: the jump never reached a"
            + " signed update", w, Duration.between(expected, jumpWall.plusNanos(m - jumpAt)));
        jumpWall = null;
      }
      return believe(w, m);
    }
    if (drift.isNegative()) {
      LOG.warn("clock stepped back by {} (from about {} to {}); believed: no update is signed before the newest one",
          drift.negated(), expected, w);
      jumpWall = null;
      return believe(w, m);
    }
    boolean sameJump = jumpWall != null
        && Duration.between(jumpWall.plusNanos(m - jumpAt), w).abs().compareTo(STEP) <= 0;
    if (!sameJump) {
      jumpWall = w;
      jumpAt = m;
      LOG.warn("clock jumped forward by {} (to {}, the monotonic clock says about {}); signing with the monotonic"
          + " estimate until the clock has stayed there for {} (an update signed ahead of time blocks the gateways)",
          drift, w, expected, settle);
      return expected;
    }
    if (m - jumpAt >= settle.toNanos()) {
      LOG.warn("clock has stayed {} ahead of the monotonic estimate for {}: signing with it from now ({})", drift, settle,
          w);
      jumpWall = null;
      return believe(w, m);
    }
    return expected;
  }

  private Instant believe(Instant w, long m) {
    believedWall = w;
    believedAt = m;
    return w;
  }
}

package io.packpass.agent.trace;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.profile.BmsConnection;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.HardwareProfile.SocketCan;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Polls a pack {@code polls} times and writes every bus exchange as a trace ({@code agent record}).
 * A real bus is polled in real time, {@code every} apart. A simulator runs on a clock that jumps
 * {@code every} between polls without waiting, so an hour of a simulated e-bike ride records in
 * a moment; physics-model profiles may also start {@code ahead} in simulated time.
 */
public final class Recording {
  /** At most this many polls in one recording (a replay keeps a transcript in memory). */
  public static final int MAX_POLLS = 100_000;

  /** What a recording did. */
  public record Summary(int polls, int failedPolls) {
  }

  private final HardwareProfile profile;
  private final int polls;
  private final Duration every;
  private final Duration ahead;

  public Recording(HardwareProfile profile, int polls, Duration every, Duration ahead) {
    this.profile = Objects.requireNonNull(profile, "profile");
    if (polls < 1 || polls > MAX_POLLS) {
      throw new IllegalArgumentException("polls must be 1.." + MAX_POLLS + ", got " + polls);
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the time between polls must be positive, got " + every);
    }
    this.polls = polls;
    this.every = every;
    this.ahead = Objects.requireNonNull(ahead, "ahead");
  }

  /**
   * Records into {@code out}, telling {@code progress} the number of each poll done.
   *
   * @throws InterruptedException when interrupted while waiting between polls of a real bus (what
   *     was recorded so far is flushed)
   */
  public Summary record(Writer out, IntConsumer progress) throws InterruptedException {
    boolean simulated = profile.isSimulated();
    ManualClock stepped = new ManualClock();
    stepped.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Clock clock = simulated ? stepped : Clock.systemUTC();
    String iface = profile.bus() instanceof SocketCan can ? can.iface() : "can0";
    TraceRecorder recorder = new TraceRecorder(out, iface);
    int failed = 0;
    try (BmsConnection connection = ahead.isZero() ? BmsConnection.open(profile, clock, recorder)
        : BmsConnection.openAhead(profile, clock, ahead, recorder)) {
      if (!recorder.tapped()) {
        throw new TraceException("profile " + profile.id() + ": protocol " + profile.protocol().key()
            + " reads no bus, so there is nothing to record");
      }
      recorder.comment("recorded by packpass agent record: profile " + profile.id() + ", " + polls + " polls every "
          + every + (simulated ? " (simulated time)" : ""));
      for (int n = 1; n <= polls; n++) {
        if (n > 1) {
          if (simulated) {
            stepped.set(stepped.instant().plus(every));
          } else {
            Thread.sleep(every.toMillis());
          }
        }
        recorder.startPoll(n);
        try {
          connection.driver().read();
        } catch (BusException e) {
          failed++; // the recorder wrote the failed exchanges down as comments
        } finally {
          recorder.endPoll();
        }
        progress.accept(n);
      }
    } finally {
      recorder.endPoll();
    }
    return new Summary(polls, failed);
  }
}

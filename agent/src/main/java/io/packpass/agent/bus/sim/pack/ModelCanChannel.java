package io.packpass.agent.bus.sim.pack;

import io.packpass.agent.bus.CanChannel;
import io.packpass.agent.bus.CanFrame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link CanChannel} on which a simulated Pylontech pack broadcasts: whenever the previous cycle has
 * been received, it takes a fresh {@link BmsReading} from {@code source} and queues the
 * {@link PylontechEncoder} frames of it. Never waits and never runs dry (a pack broadcasts for ever);
 * the driver's own bound on frames per read ends a read. Not thread-safe.
 */
public final class ModelCanChannel implements CanChannel {
  private final Supplier<BmsReading> source;
  private final PylontechEncoder encoder = new PylontechEncoder();
  private final ArrayDeque<CanFrame> queue = new ArrayDeque<>();
  private BmsReading last;

  public ModelCanChannel(Supplier<BmsReading> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public Optional<CanFrame> receive(Duration timeout) {
    if (queue.isEmpty()) {
      last = source.get();
      queue.addAll(encoder.encode(last));
    }
    return Optional.of(queue.poll());
  }

  /** The reading the frames being sent were encoded from; null before the first receive. */
  public BmsReading lastReading() {
    return last;
  }
}

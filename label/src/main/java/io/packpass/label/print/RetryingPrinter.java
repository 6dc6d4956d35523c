package io.packpass.label.print;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries a {@link Printer} when the failure is one that waiting may cure (printer off, out of labels),
 * with exponential backoff, a bounded number of times; never for a refusal. Each retry is announced,
 * so an operator sees "out of labels, retry 2 of 4 in 2 s" and can load labels meanwhile.
 */
public final class RetryingPrinter implements Printer {
  /** Told before each wait. */
  public interface Listener {
    void retrying(PrinterException problem, int nextAttempt, int attempts, Duration wait);

    /** The line a command line prints for a retry. */
    static String line(PrinterException problem, int nextAttempt, int attempts, Duration wait) {
      return problem.getMessage() + "; retry " + nextAttempt + " of " + attempts + " in " + wait.toSeconds() + " s";
    }
  }

  /** Waits; a test passes one that does not. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Printer printer;
  private final int attempts;
  private final Duration firstWait;
  private final Duration maxWait;
  private final Sleeper sleeper;
  private final Listener listener;

  public RetryingPrinter(Printer printer, int attempts, Duration firstWait, Duration maxWait, Sleeper sleeper,
      Listener listener) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    this.printer = Objects.requireNonNull(printer, "printer");
    this.attempts = attempts;
    this.firstWait = firstWait;
    this.maxWait = maxWait;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /** 4 attempts, waiting 2, 4 and 8 s between them. */
  public static RetryingPrinter withDefaults(Printer printer, Listener listener) {
    return new RetryingPrinter(printer, 4, Duration.ofSeconds(2), Duration.ofSeconds(30), d -> Thread.sleep(d.toMillis()), listener);
  }

  @Override
  public String describe() {
    return printer.describe();
  }

  /**
   * @throws PrinterException the last problem, its message saying how often it was tried
   */
  @Override
  public void send(byte[] job) {
    Duration wait = firstWait;
    for (int attempt = 1; ; attempt++) {
      try {
        printer.send(job);
        return;
      } catch (PrinterException e) {
        if (!e.retryable()) {
          throw e;
        }
        if (attempt == attempts) {
          throw new PrinterException(e.kind(), e.getMessage() + " (gave up after " + attempts + " attempts)", e);
        }
        listener.retrying(e, attempt + 1, attempts, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new PrinterException(e.kind(), e.getMessage() + " (interrupted while waiting to retry)", e);
        }
        wait = wait.multipliedBy(2).compareTo(maxWait) > 0 ? maxWait : wait.multipliedBy(2);
      }
    }
  }
}

package io.packpass.bench;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the signed-update benchmarks with ordinary JMH options and prints each PackPass path's
 * throughput as a share of its raw Bouncy Castle baseline from the same run, against the
 * requirement's target of 0.85:
 *
 * <pre>java -cp bench/target/benchmarks.jar io.packpass.bench.TargetCheck [JMH options]</pre>
 *
 * Without a benchmark regex it runs every {@code *UpdateBenchmark}. The ratio is taken of the
 * medians of the measured iterations, which a burst of load from elsewhere on the machine moves less
 * than the mean; the ratio of the means is printed beside it.
 */
public final class TargetCheck {
  private static final double TARGET = 0.85;
  private static final String DEFAULT_INCLUDE = "io\\.packpass\\.bench\\..*UpdateBenchmark\\.";

  /** PackPass benchmark and its baseline, within one benchmark class. */
  private record Pair(Class<?> benchmarkClass, String packpass, String raw) {
    String name(String method) {
      return benchmarkClass.getName() + "." + method;
    }
  }

  private static final List<Pair> PAIRS = List.of(
      new Pair(Ed25519UpdateBenchmark.class, "encodeAndSign", "rawEd25519Sign"),
      new Pair(Ed25519UpdateBenchmark.class, "parseAndVerify", "rawEd25519Verify"),
      new Pair(Es256UpdateBenchmark.class, "encodeAndSign", "rawEs256Sign"),
      new Pair(Es256UpdateBenchmark.class, "parseAndVerify", "rawEs256Verify"));

  private TargetCheck() {
  }

  public static void main(String[] args) throws RunnerException {
    CommandLineOptions command;
    try {
      command = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("TargetCheck: " + e.getMessage());
      System.exit(2);
      return;
    }
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(command);
    if (command.getIncludes().isEmpty()) {
      builder.include(DEFAULT_INCLUDE);
    }
    Options options = builder.build();
    Collection<RunResult> results = new Runner(options).run();

    System.out.println();
    System.out.printf("%-62s %10s %10s %9s %9s  %s%n", "PackPass / raw (same run)", "median", "raw median",
        "ratio", "ratio", "target " + TARGET);
    System.out.printf("%-62s %10s %10s %9s %9s%n", "", "ops/s", "ops/s", "(median)", "(mean)");
    for (Pair pair : PAIRS) {
      for (RunResult run : results) {
        if (run.getParams().getBenchmark().equals(pair.name(pair.packpass()))) {
          baseline(results, pair.name(pair.raw()), run.getParams())
              .ifPresent(raw -> printRatio(pair, run, raw));
        }
      }
    }
  }

  /** The raw run with the same parameters as {@code params}. */
  private static Optional<RunResult> baseline(Collection<RunResult> results, String benchmark, BenchmarkParams params) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().equals(benchmark)
            && r.getParams().getParamsKeys().stream()
                .allMatch(key -> r.getParams().getParam(key).equals(params.getParam(key))))
        .findFirst();
  }

  private static void printRatio(Pair pair, RunResult packpassRun, RunResult rawRun) {
    Result<?> packpass = packpassRun.getPrimaryResult();
    Result<?> raw = rawRun.getPrimaryResult();
    BenchmarkParams params = packpassRun.getParams();
    String values = params.getParamsKeys().stream().map(key -> key + "=" + params.getParam(key))
        .collect(Collectors.joining(","));
    String label = pair.benchmarkClass().getSimpleName() + "." + pair.packpass()
        + (values.isEmpty() ? "" : "[" + values + "]") + " / " + pair.raw();
    double ratio = median(packpass) / median(raw);
    System.out.printf("%-62s %10.0f %10.0f %9.3f %9.3f  %s%n", label, median(packpass), median(raw), ratio,
        packpass.getScore() / raw.getScore(), ratio >= TARGET ? "meets" : "MISSES");
  }

  private static double median(Result<?> result) {
    return result.getStatistics().getPercentile(50);
  }
}

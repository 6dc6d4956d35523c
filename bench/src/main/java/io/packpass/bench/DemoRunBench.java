package io.packpass.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How long a newcomer's {@code ./packpass demo} takes (issue 9: at most 60 s on 2 cores), as they run
 * it: a new JVM each time, default options but an ephemeral registry port and a fresh directory.
 * Baseline in the same run, alternating with it: the same JVM and jar printing its version, which is
 * what a run costs before the demo does anything. Prints each round and the medians.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.packpass.bench.DemoRunBench [ROUNDS] [CLI_JAR]}
 */
public final class DemoRunBench {
  private static final Pattern DONE = Pattern.compile("Done in (\\d+) s");

  private DemoRunBench() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path jar = Path.of(args.length > 1 ? args[1] : "cli/target/packpass-cli.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + ": build it first (./mvnw -q -B -pl cli -am package -DskipTests)");
    }
    System.out.printf("machine: %d cores, %s %s; jar %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"), jar);
    List<Double> demo = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double version = run(jar, List.of("--version"), Path.of(".")).seconds;
      Path dir = Files.createTempDirectory("packpass-demo-bench");
      try {
        Run tour = run(jar, List.of("demo", "--dir", dir.resolve("demo").toString(), "--port", "0"), dir);
        Matcher done = DONE.matcher(tour.out);
        if (tour.exit != 0 || !done.find()) {
          throw new IllegalStateException("the demo failed (exit " + tour.exit + "):\n" + tour.out);
        }
        demo.add(tour.seconds);
        baseline.add(version);
        System.out.printf("round %d: demo %.1f s wall (it reports %s s), JVM + version %.2f s%n", round, tour.seconds,
            done.group(1), version);
      } finally {
        delete(dir);
      }
    }
    double d = median(demo);
    double b = median(baseline);
    System.out.printf("median of %d: demo %.1f s, baseline (JVM + --version) %.2f s, demo / baseline %.1f;"
        + " target at most 60 s: %s%n", rounds, d, b, d / b, d <= 60 ? "met" : "NOT met");
  }

  private record Run(int exit, double seconds, String out) {
  }

  private static Run run(Path jar, List<String> args, Path dir) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(args);
    Path log = Files.createTempFile("demo-bench", ".out");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + ": no end after 5 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(p.exitValue(), seconds, out);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

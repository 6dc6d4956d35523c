package io.packpass.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.agent.bus.sim.BadLine;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.ProfileLoader;
import io.packpass.agent.trace.TraceReplay;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled profile replays every recorded trace under {@code hw-profiles/traces/<profile>/} to
 * exactly the snapshots in {@code <trace>.expected.jsonl} and the bad lines in
 * {@code <trace>.expected-bad.txt} (none when that file is absent). After a deliberate decoding change,
 * rewrite the expectations with {@code -Dpackpass.traces.write=true} and review the diff.
 */
class TraceCatalogTest {
  static final Path TRACES = Path.of("..", "hw-profiles", "traces");
  static final boolean WRITE = Boolean.getBoolean("packpass.traces.write");

  static Stream<Arguments> traces() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (String id : new ProfileLoader().bundledIds()) {
      HardwareProfile profile = new ProfileLoader().load(id);
      for (Path trace : tracesOf(id)) {
        all.add(Arguments.of(id, trace.getFileName().toString(), profile, trace));
      }
    }
    return all.stream();
  }

  static List<Path> tracesOf(String id) throws IOException {
    Path dir = TRACES.resolve(id);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(TraceCatalogTest::isTrace).sorted().collect(Collectors.toList());
    }
  }

  static boolean isTrace(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".log") || name.endsWith(".txt") && !name.endsWith(".expected-bad.txt");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("traces")
  void replaysToTheRecordedSnapshots(String id, String name, HardwareProfile profile, Path trace) throws IOException {
    List<String> snapshots = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(trace, StandardCharsets.US_ASCII)) {
      new TraceReplay(profile).replay(reader, s -> snapshots.add(SnapshotOutput.json(s)),
          (BadLine b) -> bad.add(b.toString()));
    }
    Path expectedSnapshots = trace.resolveSibling(name + ".expected.jsonl");
    Path expectedBad = trace.resolveSibling(name + ".expected-bad.txt");
    if (WRITE) {
      Files.write(expectedSnapshots, snapshots, StandardCharsets.UTF_8);
      if (bad.isEmpty()) {
        Files.deleteIfExists(expectedBad);
      } else {
        Files.write(expectedBad, bad, StandardCharsets.UTF_8);
      }
    }
    assertThat(expectedSnapshots).as("expected snapshots of " + trace).exists();
    assertThat(snapshots).as("snapshots of " + trace).isNotEmpty()
        .containsExactlyElementsOf(Files.readAllLines(expectedSnapshots, StandardCharsets.UTF_8));
    assertThat(bad).as("bad lines of " + trace)
        .containsExactlyElementsOf(Files.exists(expectedBad)
            ? Files.readAllLines(expectedBad, StandardCharsets.UTF_8) : List.of());
  }

  @Test
  void everyProfileThatReadsABusHasATrace() throws IOException {
    for (String id : new ProfileLoader().bundledIds()) {
      HardwareProfile profile = new ProfileLoader().load(id);
      if (TraceReplay.replays(profile.protocol())) {
        assertThat(tracesOf(id)).as("traces of profile " + id + " under " + TRACES.resolve(id)).isNotEmpty();
      }
    }
  }

  @Test
  void everyTraceDirectoryBelongsToAProfileAndHoldsOnlyTracesAndExpectations() throws IOException {
    List<String> ids = new ProfileLoader().bundledIds();
    try (Stream<Path> dirs = Files.list(TRACES)) {
      for (Path dir : dirs.filter(Files::isDirectory).collect(Collectors.toList())) {
        assertThat(ids).as("profile of trace directory " + dir).contains(dir.getFileName().toString());
        try (Stream<Path> files = Files.list(dir)) {
          files.forEach(f -> {
            String name = f.getFileName().toString();
            assertThat(isTrace(f) || name.endsWith(".expected.jsonl") || name.endsWith(".expected-bad.txt"))
                .as("unexpected file " + f).isTrue();
          });
        }
      }
    }
  }
}

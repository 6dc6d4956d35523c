package io.packpass.agent.cli;

import io.packpass.agent.AgentCommand;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.ProfileException;
import io.packpass.agent.profile.ProfileLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agent profiles}: the hardware profiles this agent knows, optionally validated. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
    description = {"List the hardware profiles: id, board, protocol, bus, description.",
        "Lists the bundled profiles and those in --dir. With --validate, loads every one",
        "and reports each problem; exits 2 if any is invalid."})
public final class ProfilesCommand implements Callable<Integer> {
  @Option(names = "--validate", description = "Load and validate every profile; report each problem.")
  boolean validate;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Also take the <id>.yaml files in DIR (a file named like a bundled profile overrides it).")
  Path dir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new AgentException("--dir " + dir + ": not a directory");
    }
    ProfileLoader loader = new ProfileLoader(Optional.ofNullable(dir));
    // id -> where it comes from (null: bundled or override, loaded by id; else the file)
    Map<String, Path> entries = new LinkedHashMap<>();
    for (String id : loader.bundledIds()) {
      entries.put(id, null);
    }
    if (dir != null) {
      for (Path file : yamlFiles(dir)) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".yaml".length());
        entries.putIfAbsent(id, file);
      }
    }
    List<HardwareProfile> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Path> e : entries.entrySet()) {
      try {
        good.add(e.getValue() == null ? loader.load(e.getKey()) : loader.loadFile(e.getValue()));
      } catch (ProfileException ex) {
        problems.add(ex.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (validate) {
      for (HardwareProfile p : good) {
        out.println("ok       " + p.id());
      }
      for (String problem : problems) {
        out.println("INVALID  " + problem);
      }
      out.println(good.size() + " valid, " + problems.size() + " invalid");
    } else {
      table(out, good);
      PrintWriter err = spec.commandLine().getErr();
      for (String problem : problems) {
        err.println(AgentCommand.PREFIX + problem);
      }
      if (!problems.isEmpty()) {
        err.println(AgentCommand.PREFIX + problems.size() + " invalid profile(s) not listed (see --validate)");
      }
    }
    out.flush();
    return problems.isEmpty() ? 0 : AgentCommand.USAGE;
  }

  private static void table(PrintWriter out, List<HardwareProfile> profiles) {
    String[] header = {"ID", "BOARD", "PROTOCOL", "BUS", "DESCRIPTION"};
    List<String[]> rows = new ArrayList<>();
    rows.add(header);
    for (HardwareProfile p : profiles) {
      rows.add(new String[] {p.id(), p.board().key(), p.protocol().key(), Profiles.bus(p), p.description()});
    }
    int[] width = new int[header.length - 1];
    for (String[] row : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        line.append(String.format("%-" + width[i] + "s  ", row[i]));
      }
      out.println(line.append(row[header.length - 1]).toString().stripTrailing());
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted()
          .toList();
    } catch (IOException e) {
      throw new AgentException("--dir " + dir + ": cannot list: " + e.getMessage());
    }
  }
}

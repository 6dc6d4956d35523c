package io.packpass.agent.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.packpass.agent.profile.HardwareProfile.Board;
import io.packpass.agent.profile.HardwareProfile.Bus;
import io.packpass.agent.profile.HardwareProfile.I2c;
import io.packpass.agent.profile.HardwareProfile.Label;
import io.packpass.agent.profile.HardwareProfile.Pack;
import io.packpass.agent.profile.HardwareProfile.PecMode;
import io.packpass.agent.profile.HardwareProfile.Poll;
import io.packpass.agent.profile.HardwareProfile.Protocol;
import io.packpass.agent.profile.HardwareProfile.Pylontech;
import io.packpass.agent.profile.HardwareProfile.PylontechVariant;
import io.packpass.agent.profile.HardwareProfile.Sbs;
import io.packpass.agent.profile.HardwareProfile.Serial;
import io.packpass.agent.profile.HardwareProfile.Sim;
import io.packpass.agent.profile.HardwareProfile.SimEvent;
import io.packpass.agent.profile.HardwareProfile.SimEventKind;
import io.packpass.agent.profile.HardwareProfile.SimUsage;
import io.packpass.agent.profile.HardwareProfile.Simulation;
import io.packpass.agent.profile.HardwareProfile.SocketCan;
import io.packpass.clisupport.config.StrictYamlReader;
import io.packpass.core.passport.Category;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads {@link HardwareProfile}s: the bundled ones from the {@code packpass-hw-profiles} jar (listed
 * in its fixed index {@code profiles.txt}, no classpath scanning) and, when given, from an override
 * directory whose {@code <id>.yaml} wins over a bundled profile of the same id.
 *
 * <p>Every value is checked at load against the schema of {@code hw-profiles/README.md}; unknown
 * keys, wrong types, missing required keys, values out of range and inconsistent combinations
 * (protocol vs bus type, board vs bus type, fixture vs protocol) are rejected with a
 * {@link ProfileException} naming the profile and the key. Files are bounded to
 * {@link #MAX_PROFILE_BYTES}.
 */
public final class ProfileLoader {
  /** Classpath folder of the bundled profiles (in {@code packpass-hw-profiles}). */
  public static final String RESOURCE_ROOT = "/io/packpass/hwprofiles/";
  /** The index of bundled profile ids, one per line, {@code #} comments. */
  public static final String INDEX = RESOURCE_ROOT + "profiles.txt";
  /** Largest profile file accepted; real profiles are well under 2 KiB. */
  public static final int MAX_PROFILE_BYTES = 64 * 1024;

  /** Profile ids are file names: lower case, digits and dashes. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern FIXTURE_TRACE =
      Pattern.compile("candump:traces/([a-z0-9][a-z0-9._-]{0,99}/)?[a-z0-9][a-z0-9._-]{0,99}\\.log");
  /** Most cells in series: 800 V EV packs have up to about 220. */
  static final int MAX_SERIES_CELLS = 256;
  private static final Pattern CHEMISTRY = Pattern.compile("[A-Z][A-Z0-9-]{1,15}");

  /** Fixtures of {@code bus.type: sim} and the protocol each serves. */
  static final String FIXTURE_SBS_4S = "sbs-4s";
  static final String FIXTURE_JBD_4S_LFP = "jbd-4s-lfp";
  /** The physics pack model; serves jbd-uart, pylontech-can (v1.2) and sim-model; needs {@code simulation}. */
  static final String FIXTURE_MODEL = "model";
  /** Chemistries the physics model has curves for. */
  static final Set<String> MODEL_CHEMISTRIES = Set.of("NMC", "LFP");
  /** Largest simulated offset accepted anywhere in {@code simulation}: 100 years. */
  static final Duration MAX_SIM_DURATION = Duration.ofDays(36_525);

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final Optional<Path> overrideDirectory;

  /** Bundled profiles only. */
  public ProfileLoader() {
    this(Optional.empty());
  }

  /** Bundled profiles, overridden by {@code <id>.yaml} files in {@code overrideDirectory} when present. */
  public ProfileLoader(Optional<Path> overrideDirectory) {
    this.overrideDirectory = overrideDirectory;
  }

  /** The ids in the bundled index, in index order. */
  public List<String> bundledIds() {
    InputStream in = ProfileLoader.class.getResourceAsStream(INDEX);
    if (in == null) {
      throw new ProfileException("no bundled profile index " + INDEX + " on the classpath (is packpass-hw-profiles missing?)");
    }
    Set<String> ids = new LinkedHashSet<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String id = line.strip();
        if (id.isEmpty() || id.startsWith("#")) {
          continue;
        }
        if (!ID.matcher(id).matches() || !ids.add(id)) {
          throw new ProfileException(INDEX + " line " + number + ": bad or repeated profile id '" + id + "'");
        }
      }
    } catch (IOException e) {
      throw new ProfileException("cannot read " + INDEX + ": " + e.getMessage(), e);
    }
    return List.copyOf(ids);
  }

  /** Loads profile {@code id}: from the override directory when it has {@code <id>.yaml}, else bundled. */
  public HardwareProfile load(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ProfileException("profile " + id + ": not a profile id (expected " + ID.pattern() + ")");
    }
    if (overrideDirectory.isPresent()) {
      Path file = overrideDirectory.get().resolve(id + ".yaml");
      if (Files.isRegularFile(file)) {
        return loadFile(file);
      }
    }
    String resource = RESOURCE_ROOT + id + ".yaml";
    try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ProfileException("profile " + id + ": no such profile (bundled: " + String.join(", ", bundledIds())
            + overrideDirectory.map(d -> "; none in " + d).orElse("") + ")");
      }
      return parse(id, in.readNBytes(MAX_PROFILE_BYTES + 1));
    } catch (IOException e) {
      throw new ProfileException("profile " + id + ": cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Loads a profile file; its {@code id} must equal the file name without {@code .yaml}. */
  /**
   * A bundled id, or a profile file when {@code idOrFile} looks like a path ({@code .yaml}, or a
   * separator in it); a relative path is resolved against {@code base}.
   */
  public HardwareProfile resolve(String idOrFile, Path base) {
    if (idOrFile.endsWith(".yaml") || idOrFile.endsWith(".yml") || idOrFile.contains("/")
        || idOrFile.contains(java.io.File.separator)) {
      return loadFile(base.resolve(idOrFile));
    }
    return load(idOrFile);
  }

  public HardwareProfile loadFile(Path file) {
    String name = String.valueOf(file.getFileName());
    String id = name.endsWith(".yaml") ? name.substring(0, name.length() - ".yaml".length()) : name;
    try {
      if (Files.size(file) > MAX_PROFILE_BYTES) {
        throw new ProfileException("profile " + id + ": " + file + " is larger than " + MAX_PROFILE_BYTES + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return parse(id, in.readNBytes(MAX_PROFILE_BYTES + 1));
      }
    } catch (NoSuchFileException e) {
      throw new ProfileException("profile " + id + ": no such file " + file, e);
    } catch (IOException e) {
      throw new ProfileException("profile " + id + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates one profile document. {@code expectedId} is the name the profile was asked
   * for (its file name); the document's {@code id} must equal it.
   */
  public static HardwareProfile parse(String expectedId, byte[] yaml) {
    String where = "profile " + expectedId + ": ";
    if (yaml.length > MAX_PROFILE_BYTES) {
      throw new ProfileException(where + "larger than " + MAX_PROFILE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ProfileException(where + "not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ProfileException(where + "cannot parse: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ProfileException(where + "empty document");
    }
    return new Reader(where).profile(expectedId, root);
  }

  /** Walks the tree, with the dotted key path in every error. */
  private static final class Reader {
    private final String where;

    Reader(String where) {
      this.where = where;
    }

    ProfileException fail(String key, String problem) {
      return new ProfileException(where + key + ": " + problem);
    }

    HardwareProfile profile(String expectedId, JsonNode root) {
      JsonNode top = object(root, "(document)");
      keys(top, "", "id", "description", "board", "protocol", "bus", "poll", "pack", "sbs", "pylontech", "label",
          "simulation");
      String id = string(top, "id").orElseThrow(() -> fail("id", "required"));
      if (!ID.matcher(id).matches()) {
        throw fail("id", "expected lower-case letters, digits and dashes, got '" + id + "'");
      }
      if (!id.equals(expectedId)) {
        throw fail("id", "is '" + id + "' but the file is named '" + expectedId + ".yaml'");
      }
      String description = string(top, "description").orElse("");
      Board board = choice(top, "board", Board.values(), Board::key).orElseThrow(() -> fail("board", "required"));
      Protocol protocol = choice(top, "protocol", Protocol.values(), Protocol::key)
          .orElseThrow(() -> fail("protocol", "required"));
      Bus bus = bus(required(top, "bus", "bus"), protocol);
      if ((board == Board.SIM) != (bus instanceof Sim)) {
        throw fail("bus.type", board == Board.SIM ? "board sim needs bus type sim"
            : "bus type sim needs board sim, not " + board.key());
      }
      if (protocol == Protocol.SIM_MODEL && !(bus instanceof Sim)) {
        throw fail("protocol", "sim-model reads a simulated pack only: needs board sim and bus type sim");
      }
      if (!(bus instanceof Sim) && !bus.type().equals(protocol.hardwareBusType())) {
        throw fail("bus.type", "protocol " + protocol.key() + " runs over " + protocol.hardwareBusType()
            + ", not " + bus.type());
      }
      Poll poll = poll(top.get("poll"));
      Pack pack = pack(required(top, "pack", "pack"));
      Optional<Sbs> sbs = Optional.ofNullable(top.get("sbs")).map(this::sbs);
      if (sbs.isPresent() && protocol != Protocol.BQ40Z50_SMBUS) {
        throw fail("sbs", "only for protocol bq40z50-smbus (plain SBS has no cell voltage commands)");
      }
      Optional<Pylontech> pylontech = Optional.ofNullable(top.get("pylontech")).map(this::pylontech);
      if (pylontech.isPresent() && protocol != Protocol.PYLONTECH_CAN) {
        throw fail("pylontech", "only for protocol pylontech-can");
      }
      if (protocol == Protocol.PYLONTECH_CAN && pylontech.isEmpty()) {
        pylontech = Optional.of(new Pylontech(PylontechVariant.V1_2));
      }
      Optional<Label> label = Optional.ofNullable(top.get("label")).map(this::label);
      boolean model = bus instanceof Sim && ((Sim) bus).fixture().equals(FIXTURE_MODEL);
      Optional<Simulation> simulation = Optional.ofNullable(top.get("simulation")).map(this::simulation);
      if (model && simulation.isEmpty()) {
        throw fail("simulation", "required with bus.fixture: model");
      }
      if (!model && simulation.isPresent()) {
        throw fail("simulation", "only with bus.fixture: model");
      }
      if (model && !MODEL_CHEMISTRIES.contains(pack.chemistry())) {
        throw fail("pack.chemistry", "the pack model has curves for LFP and NMC only, got '" + pack.chemistry() + "'");
      }
      if (model && pylontech.map(Pylontech::variant).orElse(PylontechVariant.V1_2) != PylontechVariant.V1_2) {
        throw fail("pylontech.variant", "the pack model encodes v1.2 frames only");
      }
      return new HardwareProfile(id, description, board, protocol, bus, poll, pack, sbs, pylontech, label,
          simulation);
    }

    Bus bus(JsonNode node, Protocol protocol) {
      JsonNode bus = object(node, "bus");
      String type = string(bus, "bus.type").orElseThrow(() -> fail("bus.type", "required"));
      switch (type) {
        case "i2c": {
          keys(bus, "bus.", "type", "bus", "address", "pec", "clockHz");
          int number = integer(bus, "bus.bus", 0, 255).orElse(1);
          int address = integer(bus, "bus.address", 0x03, 0x77).orElse(0x0B);
          PecMode pec = pec(bus.get("pec"));
          int clockHz = integer(bus, "bus.clockHz", 10_000, 1_000_000).orElse(100_000);
          return new I2c(number, address, pec, clockHz);
        }
        case "serial": {
          keys(bus, "bus.", "type", "device", "baud", "timeoutMs");
          String device = string(bus, "bus.device").orElseThrow(() -> fail("bus.device", "required"));
          if (!device.startsWith("/dev/") || device.contains("..")) {
            throw fail("bus.device", "expected a path under /dev/, got '" + device + "'");
          }
          int baud = positive(bus, "bus.baud", 4_000_000).orElse(9600);
          int timeoutMs = positive(bus, "bus.timeoutMs", 60_000).orElse(300);
          return new Serial(device, baud, Duration.ofMillis(timeoutMs));
        }
        case "socketcan": {
          keys(bus, "bus.", "type", "interface", "bitrate");
          String iface = string(bus, "bus.interface").orElseThrow(() -> fail("bus.interface", "required"));
          if (!iface.matches("[A-Za-z0-9_-]{1,15}")) {
            throw fail("bus.interface", "expected a network interface name, got '" + iface + "'");
          }
          int bitrate = positive(bus, "bus.bitrate", 1_000_000).orElse(500_000);
          return new SocketCan(iface, bitrate);
        }
        case "sim": {
          keys(bus, "bus.", "type", "fixture");
          String fixture = string(bus, "bus.fixture").orElseThrow(() -> fail("bus.fixture", "required"));
          boolean fits = switch (protocol) {
            case SBS_SMBUS, BQ40Z50_SMBUS -> fixture.equals(FIXTURE_SBS_4S);
            case JBD_UART -> fixture.equals(FIXTURE_JBD_4S_LFP) || fixture.equals(FIXTURE_MODEL);
            case PYLONTECH_CAN -> FIXTURE_TRACE.matcher(fixture).matches() || fixture.equals(FIXTURE_MODEL);
            case SIM_MODEL -> fixture.equals(FIXTURE_MODEL);
          };
          if (!fits) {
            throw fail("bus.fixture", "'" + fixture + "' is not a fixture for protocol " + protocol.key()
                + " (expected " + switch (protocol) {
                  case SBS_SMBUS, BQ40Z50_SMBUS -> FIXTURE_SBS_4S;
                  case JBD_UART -> FIXTURE_JBD_4S_LFP + " or " + FIXTURE_MODEL;
                  case PYLONTECH_CAN -> "candump:traces/<profile>/<name>.log or " + FIXTURE_MODEL;
                  case SIM_MODEL -> FIXTURE_MODEL;
                } + ")");
          }
          return new Sim(fixture);
        }
        default:
          throw fail("bus.type", "expected one of i2c, serial, socketcan, sim, got '" + type + "'");
      }
    }

    PecMode pec(JsonNode node) {
      if (node == null) {
        return PecMode.AUTO;
      }
      if (node.isBoolean()) {
        return node.booleanValue() ? PecMode.ON : PecMode.OFF;
      }
      if (node.isTextual() && node.textValue().equals("auto")) {
        return PecMode.AUTO;
      }
      throw fail("bus.pec", "expected one of auto, true, false");
    }

    Poll poll(JsonNode node) {
      if (node == null) {
        return new Poll(Duration.ofMillis(5000));
      }
      JsonNode poll = object(node, "poll");
      keys(poll, "poll.", "intervalMs");
      int ms = integer(poll, "poll.intervalMs", 100, 86_400_000).orElse(5000);
      return new Poll(Duration.ofMillis(ms));
    }

    Pack pack(JsonNode node) {
      JsonNode pack = object(node, "pack");
      keys(pack, "pack.", "chemistry", "seriesCells", "parallelCells", "designCapacityAh", "nominalVoltageV", "category");
      String chemistry = string(pack, "pack.chemistry").orElseThrow(() -> fail("pack.chemistry", "required"));
      if (!CHEMISTRY.matcher(chemistry).matches()) {
        throw fail("pack.chemistry", "expected an upper-case code such as LFP, NMC, NCA, LCO, LMO, LTO, LION, got '"
            + chemistry + "'");
      }
      int series = integer(pack, "pack.seriesCells", 1, MAX_SERIES_CELLS).orElseThrow(() -> fail("pack.seriesCells", "required"));
      int parallel = integer(pack, "pack.parallelCells", 1, 1000).orElse(1);
      double capacity = positiveNumber(pack, "pack.designCapacityAh", 100_000)
          .orElseThrow(() -> fail("pack.designCapacityAh", "required"));
      double voltage = positiveNumber(pack, "pack.nominalVoltageV", 1_500)
          .orElseThrow(() -> fail("pack.nominalVoltageV", "required"));
      Optional<Category> category = string(pack, "pack.category").map(c -> {
        for (Category known : Category.values()) {
          if (known.name().toLowerCase(Locale.ROOT).equals(c)) {
            return known;
          }
        }
        throw fail("pack.category", "expected ev, lmt, industrial or stationary, got '" + c + "'");
      });
      return new Pack(chemistry, series, parallel, capacity, voltage, category);
    }

    Sbs sbs(JsonNode node) {
      JsonNode sbs = object(node, "sbs");
      keys(sbs, "sbs.", "cellVoltageCommands");
      JsonNode list = required(sbs, "cellVoltageCommands", "sbs.cellVoltageCommands");
      if (!list.isArray() || list.isEmpty() || list.size() > 32) {
        throw fail("sbs.cellVoltageCommands", "expected a list of 1 to 32 SMBus command codes");
      }
      List<Integer> commands = new ArrayList<>();
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String key = "sbs.cellVoltageCommands[" + i + "]";
        int command = integerValue(list.get(i), key, 0, 0xFF);
        if (!seen.add(command)) {
          throw fail(key, String.format("command 0x%02X repeated", command));
        }
        commands.add(command);
      }
      return new Sbs(commands);
    }

    Pylontech pylontech(JsonNode node) {
      JsonNode p = object(node, "pylontech");
      keys(p, "pylontech.", "variant");
      return new Pylontech(choice(p, "pylontech.variant", PylontechVariant.values(), PylontechVariant::key)
          .orElse(PylontechVariant.V1_2));
    }

    Simulation simulation(JsonNode node) {
      JsonNode sim = object(node, "simulation");
      keys(sim, "simulation.", "usage", "ambientC", "start", "startSocPercent", "seed", "ageDays", "cycles",
          "temperatureSensors", "groupResistanceMilliohm", "events");
      SimUsage usage = choice(sim, "simulation.usage", SimUsage.values(), SimUsage::key)
          .orElseThrow(() -> fail("simulation.usage", "required"));
      double ambient = number(sim, "simulation.ambientC", -40, 60).orElse(25.0);
      Optional<Instant> start = string(sim, "simulation.start").map(text -> {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException e) {
          throw fail("simulation.start", "expected an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z, got '"
              + text + "'");
        }
      });
      double soc = number(sim, "simulation.startSocPercent", 0, 100).orElse(50.0);
      long seed = 1;
      JsonNode seedNode = sim.get("seed");
      if (seedNode != null) {
        if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
          throw fail("simulation.seed", "expected an integer");
        }
        seed = seedNode.longValue();
      }
      double ageDays = number(sim, "simulation.ageDays", 0, 36_525).orElse(0.0);
      double cycles = number(sim, "simulation.cycles", 0, 100_000).orElse(0.0);
      int sensors = integer(sim, "simulation.temperatureSensors", 1, 16).orElse(2);
      Optional<Double> resistance = positiveNumber(sim, "simulation.groupResistanceMilliohm", 10_000);
      List<SimEvent> events = new ArrayList<>();
      JsonNode list = sim.get("events");
      if (list != null) {
        if (!list.isArray() || list.size() > 100) {
          throw fail("simulation.events", "expected a list of at most 100 events");
        }
        for (int i = 0; i < list.size(); i++) {
          events.add(event(list.get(i), "simulation.events[" + i + "]"));
        }
      }
      return new Simulation(usage, ambient, start, soc, seed, ageDays, cycles, sensors, resistance, events);
    }

    SimEvent event(JsonNode node, String key) {
      JsonNode e = object(node, key);
      SimEventKind kind = choice(e, key + ".event", SimEventKind.values(), SimEventKind::key)
          .orElseThrow(() -> fail(key + ".event", "required"));
      String prefix = key + ".";
      switch (kind) {
        case DEEP_DISCHARGE -> keys(e, prefix, "at", "event", "duration");
        case OVER_TEMPERATURE -> keys(e, prefix, "at", "event", "duration", "ambientC");
        case CELL_IMBALANCE -> keys(e, prefix, "at", "event", "cell", "capacityLossPercent");
        case BMS_SOH_STUCK -> keys(e, prefix, "at", "event");
        case BMS_SOH_JUMP -> keys(e, prefix, "at", "event", "sohPoints");
        default -> throw new IllegalStateException("unhandled " + kind);
      }
      Duration at = duration(e, key + ".at").orElseThrow(() -> fail(key + ".at", "required"));
      return new SimEvent(at, kind, duration(e, key + ".duration"), integer(e, key + ".cell", 1, MAX_SERIES_CELLS),
          number(e, key + ".ambientC", -40, 150), number(e, key + ".capacityLossPercent", 0, 90),
          number(e, key + ".sohPoints", -100, 100));
    }

    /** An ISO-8601 duration such as {@code P60D} or {@code PT6H}, from zero to 100 years. */
    Optional<Duration> duration(JsonNode parent, String key) {
      return string(parent, key).map(text -> {
        Duration d;
        try {
          d = Duration.parse(text);
        } catch (DateTimeParseException e) {
          throw fail(key, "expected an ISO-8601 duration such as P60D or PT6H, got '" + text + "'");
        }
        if (d.isNegative() || d.compareTo(MAX_SIM_DURATION) > 0) {
          throw fail(key, "expected a duration from PT0S to P36525D, got '" + text + "'");
        }
        return d;
      });
    }

    Optional<Double> number(JsonNode parent, String key, double min, double max) {
      JsonNode node = parent.get(field(key));
      if (node == null) {
        return Optional.empty();
      }
      if (!node.isNumber() || !(node.doubleValue() >= min && node.doubleValue() <= max)) {
        throw fail(key, String.format(Locale.ROOT, "expected a number from %s to %s", fmt(min), fmt(max)));
      }
      return Optional.of(node.doubleValue());
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    Label label(JsonNode node) {
      JsonNode label = object(node, "label");
      keys(label, "label.", "printer");
      return new Label(string(label, "label.printer"));
    }

    // ---- typed accessors; `key` is the full dotted path, the last segment is the field name

    private static String field(String key) {
      return key.substring(key.lastIndexOf('.') + 1);
    }

    JsonNode object(JsonNode node, String key) {
      if (!node.isObject()) {
        throw fail(key, "expected a mapping of keys to values");
      }
      return node;
    }

    JsonNode required(JsonNode parent, String field, String key) {
      JsonNode node = parent.get(field);
      if (node == null || node.isNull()) {
        throw fail(key, "required");
      }
      return node;
    }

    void keys(JsonNode node, String prefix, String... allowed) {
      StrictYamlReader.requireKnown(node, prefix, this::fail, allowed);
    }

    Optional<String> string(JsonNode parent, String key) {
      JsonNode node = parent.get(field(key));
      if (node == null) {
        return Optional.empty();
      }
      if (!node.isTextual() || node.textValue().isBlank()) {
        throw fail(key, "expected a non-empty string");
      }
      if (node.textValue().length() > 200) {
        throw fail(key, "longer than 200 characters");
      }
      return Optional.of(node.textValue());
    }

    <E extends Enum<E>> Optional<E> choice(JsonNode parent, String key, E[] values, Function<E, String> spelling) {
      JsonNode node = parent.get(field(key));
      List<String> allowed = Arrays.stream(values).map(spelling).toList();
      if (node == null) {
        return Optional.empty();
      }
      if (node.isTextual()) {
        for (E value : values) {
          if (spelling.apply(value).equals(node.textValue())) {
            return Optional.of(value);
          }
        }
      }
      throw fail(key, "expected one of " + String.join(", ", allowed) + ", got '" + node.asText() + "'");
    }

    Optional<Integer> integer(JsonNode parent, String key, int min, int max) {
      JsonNode node = parent.get(field(key));
      return node == null ? Optional.empty() : Optional.of(integerValue(node, key, min, max));
    }

    Optional<Integer> positive(JsonNode parent, String key, int max) {
      JsonNode node = parent.get(field(key));
      if (node == null) {
        return Optional.empty();
      }
      if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
        throw fail(key, "expected a positive integer");
      }
      if (node.intValue() > max) {
        throw fail(key, "expected at most " + max + ", got " + node.intValue());
      }
      return Optional.of(node.intValue());
    }

    int integerValue(JsonNode node, String key, int min, int max) {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        throw fail(key, "expected an integer from " + min + " to " + max);
      }
      int value = node.intValue();
      if (value < min || value > max) {
        throw fail(key, "expected an integer from " + min + " to " + max + ", got " + value);
      }
      return value;
    }

    Optional<Double> positiveNumber(JsonNode parent, String key, double max) {
      JsonNode node = parent.get(field(key));
      if (node == null) {
        return Optional.empty();
      }
      if (!node.isNumber() || !(node.doubleValue() > 0) || node.doubleValue() > max) {
        throw fail(key, String.format(Locale.ROOT, "expected a positive number up to %s", max));
      }
      return Optional.of(node.doubleValue());
    }
  }
}

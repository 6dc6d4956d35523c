package io.packpass.agent.bus.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.packpass.agent.AgentCommand;
import io.packpass.agent.bms.BatterySnapshot;
import io.packpass.agent.bms.jbd.JbdDriver;
import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.sim.JbdUartPeer;
import io.packpass.agent.bus.sim.JbdUartPeerServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * jSerialComm against a real tty: socat makes a pty pair (packbus.md §6.1), the JBD peer is served on
 * one end through {@link JbdUartPeerServer} and the driver reads the other end. Needs socat, so it
 * runs with {@code -Pinterop}.
 */
@Tag("interop")
class JSerialCommLinkInteropTest {
  static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");

  Path dir;
  Path host;
  Path sim;
  Process socat;

  static Optional<Path> socat() {
    return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
        .map(d -> Path.of(d, "socat")).filter(Files::isExecutable).findFirst();
  }

  @BeforeEach
  void startSocat() throws IOException, InterruptedException {
    Optional<Path> binary = socat();
    assumeThat(binary).as("socat is not installed (apt install socat); skipping the pty interop test").isPresent();
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "pty-").toAbsolutePath();
    host = dir.resolve("ttyBMS_host");
    sim = dir.resolve("ttyBMS_sim");
    socat = new ProcessBuilder(binary.get().toString(), "-d", "-d",
        "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + sim)
        .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(host) && Files.exists(sim))) {
      if (!socat.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("socat did not create " + host + " and " + sim + ": "
            + Files.readString(dir.resolve("socat.log")));
      }
      Thread.sleep(20);
    }
  }

  @AfterEach
  void stopSocat() throws InterruptedException, IOException {
    if (socat != null) {
      socat.destroy();
      if (!socat.waitFor(2, TimeUnit.SECONDS)) {
        socat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
    }
    if (dir != null) { // socat removes its links on exit; the log stays only if it did not
      Files.deleteIfExists(dir.resolve("socat.log"));
      Files.deleteIfExists(host);
      Files.deleteIfExists(sim);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void jbd_driver_reads_the_worked_example_through_a_pty_pair() {
    JbdUartPeer peer = JbdUartPeer.workedExample();
    try (JSerialCommLink simEnd = JSerialCommLink.open(sim.toString(), 9600);
        JSerialCommLink hostEnd = JSerialCommLink.open(host.toString(), 9600)) {
      JbdUartPeerServer server = new JbdUartPeerServer(simEnd, peer).start();
      BatterySnapshot s;
      try {
        s = new JbdDriver(hostEnd, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1)).read();
      } finally {
        server.close();
      }

      assertThat(peer.requestCount(JbdUartPeer.Command.BASIC_INFO)).isEqualTo(1);
      assertThat(s.missing()).isEmpty();
      assertThat(s.packVoltageMv()).contains(13_280L);
      assertThat(s.currentMa()).contains(-2_500L);
      assertThat(s.remainingCapacityMah()).contains(65_430L);
      assertThat(s.designCapacityMah()).contains(100_000L);
      assertThat(s.cycleCount()).contains(123L);
      assertThat(s.stateOfChargeCpct()).contains(6_500L);
      assertThat(s.temperaturesDc()).containsExactly(250L, 234L);
      assertThat(s.cellVoltagesMv()).containsExactly(3320L, 3318L, 3322L, 3321L);
      assertThat(s.identity().deviceName()).contains("JBD-SP04S034");
      assertThat(s.identity().manufactureDate()).contains(LocalDate.of(2023, 6, 15));
    }
  }

  @Test
  void agent_simulate_serves_the_jbd_profile_until_interrupted() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = AgentCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread command = new Thread(() -> exit.set(cli.execute("simulate", "--profile", "sim-jbd-4s-lfp", "--serial",
        sim.toString())), "simulate-under-test");
    command.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!out.toString().contains("Ctrl-C to stop") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(out.toString()).startsWith("serving sim-jbd-4s-lfp (").contains(sim + " at 9600 8N1");
      try (JSerialCommLink hostEnd = JSerialCommLink.open(host.toString(), 9600)) {
        BatterySnapshot s = new JbdDriver(hostEnd, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1)).read();
        assertThat(s.packVoltageMv()).contains(13_280L);
        assertThat(s.missing()).isEmpty();
      }
    } finally {
      command.interrupt();
      command.join(5000);
    }
    assertThat(command.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void silence_is_a_zero_read_after_the_timeout() {
    try (JSerialCommLink hostEnd = JSerialCommLink.open(host.toString(), 9600)) {
      long start = System.nanoTime();
      assertThat(hostEnd.read(new byte[16], 0, 16, Duration.ofMillis(200))).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }

  @Test
  void drain_discards_what_arrived_unread() throws InterruptedException {
    try (JSerialCommLink simEnd = JSerialCommLink.open(sim.toString(), 9600);
        JSerialCommLink hostEnd = JSerialCommLink.open(host.toString(), 9600)) {
      simEnd.write(new byte[] {1, 2, 3});
      Thread.sleep(200);
      hostEnd.drain();
      assertThat(hostEnd.read(new byte[16], 0, 16, Duration.ofMillis(100))).isZero();
    }
  }

  @Test
  void a_missing_device_is_an_access_error() {
    assertThatThrownBy(() -> JSerialCommLink.open(dir.resolve("ttyNone").toString(), 9600))
        .isInstanceOfSatisfying(BusException.class, e -> assertThat(e.kind()).isEqualTo(BusException.Kind.ACCESS))
        .hasMessageContaining("ttyNone does not exist");
  }

}

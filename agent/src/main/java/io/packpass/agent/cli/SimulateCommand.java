package io.packpass.agent.cli;

import io.packpass.agent.bus.serial.JSerialCommLink;
import io.packpass.agent.bus.sim.JbdUartPeer;
import io.packpass.agent.bus.sim.JbdUartPeerServer;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.HardwareProfile.Sim;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent simulate}: the simulated JBD BMS of a sim profile, served on a real serial line until
 * Ctrl-C, so that a serial setup (the agent on a tty, a USB-serial cable, a vendor tool) can be tried
 * without a battery. A socat pty pair stands in for the cable on one machine.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Serve a simulated BMS on a serial line until Ctrl-C, to try a serial setup without a battery.",
        "This build serves JBD profiles (sim-jbd-4s-lfp: the packbus.md 2.8 worked example).",
        "One machine, no cable: make a pty pair, serve one end, read the other:",
        "  socat -d -d pty,raw,echo=0,link=/tmp/ttyBMS_host pty,raw,echo=0,link=/tmp/ttyBMS_sim &",
        "  ./packpass agent simulate --profile sim-jbd-4s-lfp --serial /tmp/ttyBMS_sim"})
public final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--profile", required = true, paramLabel = "ID|FILE",
      description = "A simulated JBD profile (bundled id or YAML file), e.g. sim-jbd-4s-lfp.")
  String profile;

  @Option(names = "--serial", required = true, paramLabel = "PATH",
      description = "The serial device to answer on, e.g. /dev/ttyUSB0 or a socat pty link.")
  String serial;

  @Option(names = "--baud", defaultValue = "9600", paramLabel = "N",
      description = "Bit rate, 8N1 (default: ${DEFAULT-VALUE}, what JBD boards use).")
  int baud;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    HardwareProfile p = Profiles.resolve(profile);
    if (!(p.bus() instanceof Sim) || p.protocol() != HardwareProfile.Protocol.JBD_UART) {
      throw new AgentException("profile " + p.id() + ": simulate serves simulated JBD profiles (e.g. sim-jbd-4s-lfp),"
          + " not " + p.protocol().key() + " over " + p.bus().type());
    }
    if (baud <= 0) {
      throw new AgentException("--baud: expected a positive bit rate, got " + baud);
    }
    JSerialCommLink link = JSerialCommLink.open(serial, baud);
    JbdUartPeerServer server = new JbdUartPeerServer(link, JbdUartPeer.workedExample()).start();
    Thread stop = new Thread(() -> {
      server.close();
      link.close();
    }, "simulate-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    PrintWriter out = spec.commandLine().getOut();
    out.println("serving " + p.id() + " (" + p.description() + ") on " + serial + " at " + baud
        + " 8N1; Ctrl-C to stop");
    out.flush();
    try {
      server.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running and closes both
      }
      server.close();
      link.close();
    }
    return 0;
  }
}

package io.packpass.gateway.cli;

import io.packpass.gateway.coap.MulticastDiscovery;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway discover}: which agents answer on the local network's CoAP multicast group. */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = {"Find PackPass agents on this network by CoAP multicast (GET /.well-known/core to the",
        "\"All CoAP Nodes\" group) and print the addresses to collect from, as lines for gateway.yaml's",
        "'agents:'. Only agents on this network segment answer, and only those that joined the group",
        "(agent.yaml coap.multicast, on by default when bound to all addresses).",
        "'gateway run --discover' does the same now and then and collects from what it finds."},
    footer = {"%nExample:%n  packpass gateway discover --wait PT5S"})
public final class DiscoverCommand implements Callable<Integer> {
  @Option(names = "--group", paramLabel = "ADDRESS:PORT", converter = GroupConverter.class,
      description = "The multicast group to ask (default: 224.0.1.187:5683).")
  InetSocketAddress group = MulticastDiscovery.ALL_COAP_NODES;

  @Option(names = "--wait", paramLabel = "DURATION",
      description = "How long to listen for answers (ISO-8601; default PT3S: agents spread theirs over 2 s).")
  Duration wait = MulticastDiscovery.DEFAULT_WAIT;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<MulticastDiscovery.Found> found = MulticastDiscovery.discover(group, wait);
    if (found.isEmpty()) {
      out.printf("no agent answered on %s:%d within %s%n", group.getAddress().getHostAddress(), group.getPort(), wait);
      out.flush();
      return 1;
    }
    out.println("agents:");
    for (MulticastDiscovery.Found f : found) {
      out.printf("  - %s%s%n", f.coapsUri().orElse("coap://" + f.from().getAddress().getHostAddress() + ":"
          + f.from().getPort()), f.coapsUri().isPresent() ? "" : "   # serves no DTLS: public tier only");
    }
    out.flush();
    return 0;
  }

  /** {@code ADDRESS:PORT} of a multicast group. */
  static final class GroupConverter implements picocli.CommandLine.ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String value) throws Exception {
      int colon = value.lastIndexOf(':');
      if (colon < 1) {
        throw new picocli.CommandLine.TypeConversionException("expected ADDRESS:PORT, e.g. 224.0.1.187:5683");
      }
      java.net.InetAddress address = java.net.InetAddress.getByName(value.substring(0, colon).replace("[", "")
          .replace("]", ""));
      if (!address.isMulticastAddress()) {
        throw new picocli.CommandLine.TypeConversionException(address.getHostAddress() + " is not a multicast address");
      }
      return new InetSocketAddress(address, Integer.parseInt(value.substring(colon + 1)));
    }
  }
}

package io.packpass.gateway.coap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds PackPass agents on the local network: a non-confirmable {@code GET
 * /.well-known/core?rt=packpass.passport} to a CoAP multicast group (RFC 7252 §8, "All CoAP Nodes"
 * 224.0.1.187 by default), and every agent that answers within the wait, from its unicast address,
 * with the DTLS port its links name. Only where the network carries multicast: agents behind a router
 * are listed in the configuration instead.
 */
public final class MulticastDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(MulticastDiscovery.class);

  /** The IPv4 "All CoAP Nodes" group (RFC 7252 §12.8) and the CoAP port. */
  public static final InetSocketAddress ALL_COAP_NODES = new InetSocketAddress(address("224.0.1.187"), 5683);
  /** What an agent's {@code /passport} link carries (the agent's {@code AgentCoapServer}). */
  static final String PASSPORT_RESOURCE_TYPE = "packpass.passport";
  private static final Pattern COAPS_PORT = Pattern.compile(";coaps-port=\"?(\\d{1,5})\"?");
  /**
   * How long to listen: agents spread their answers over up to 2 s (their {@code COAP.LEISURE},
   * RFC 7252 §8.2), plus the way back.
   */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(3);
  /** Link format answers are small; anything larger is not an agent's. */
  private static final int MAX_LINKS = 4096;

  /**
   * An agent that answered.
   *
   * @param from the unicast address it answered from
   * @param coapsPort the DTLS port its {@code /passport} link names, when it names one
   */
  public record Found(InetSocketAddress from, Optional<Integer> coapsPort, String links) {
    /** Where to collect from: {@code coaps://host:port}, when the agent serves DTLS. */
    public Optional<String> coapsUri() {
      String host = from.getAddress().getHostAddress();
      String literal = host.contains(":") ? "[" + host + "]" : host;
      return coapsPort.map(p -> "coaps://" + literal + ":" + p);
    }
  }

  private MulticastDiscovery() {
  }

  /**
   * Asks {@code group} and collects the answers that arrive within {@code wait}; one entry per
   * answering address.
   *
   * @throws IOException when no socket can be opened to send from
   */
  public static List<Found> discover(InetSocketAddress group, Duration wait) throws IOException {
    if (!group.getAddress().isMulticastAddress()) {
      throw new IllegalArgumentException(group.getAddress().getHostAddress() + " is not a multicast address");
    }
    CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(CoapCollectorEndpoints.configuration())
        .setInetSocketAddress(new InetSocketAddress(0)).build();
    endpoint.start();
    CoapClient client = new CoapClient();
    client.setEndpoint(endpoint);
    Map<InetSocketAddress, Found> found = Collections.synchronizedMap(new LinkedHashMap<>());
    try {
      Request request = Request.newGet();
      request.setType(Type.NON);
      request.setURI("coap://" + group.getAddress().getHostAddress() + ":" + group.getPort()
          + "/.well-known/core?rt=" + PASSPORT_RESOURCE_TYPE);
      client.advanced(new CoapHandler() {
        @Override
        public void onLoad(CoapResponse response) {
          InetSocketAddress from = response.advanced().getSourceContext().getPeerAddress();
          if (response.getCode() != ResponseCode.CONTENT || response.getPayloadSize() > MAX_LINKS) {
            LOG.debug("discovery: {} answered {}, ignored", from, response.getCode());
            return;
          }
          String links = response.getResponseText();
          if (!links.contains("rt=\"" + PASSPORT_RESOURCE_TYPE + "\"")) {
            return; // a CoAP node, but no PackPass agent
          }
          Matcher port = COAPS_PORT.matcher(links);
          Optional<Integer> coaps = port.find() ? Optional.of(Integer.parseInt(port.group(1))) : Optional.empty();
          found.putIfAbsent(from, new Found(from, coaps, links));
        }

        @Override
        public void onError() {
          // a multicast request has no single answer that could fail; silence means nobody is there
        }
      }, request);
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      client.shutdown();
      endpoint.destroy();
    }
    synchronized (found) {
      return new ArrayList<>(found.values());
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("a numeric address always resolves", e);
    }
  }
}

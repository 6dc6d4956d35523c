package io.packpass.agent.coap;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent serves CoAP.
 *
 * @param bind the address to bind both endpoints to (the wildcard address on a pack, loopback in tests)
 * @param plainPort UDP port of the plain CoAP endpoint (public tier only; 5683; 0 = ephemeral)
 * @param securePort UDP port of the DTLS endpoint (5684; 0 = ephemeral)
 * @param plainEnabled whether to serve plain CoAP at all
 * @param propertiesFile an optional Californium properties file (keys {@code COAP.*}, {@code UDP.*},
 *     {@code DTLS.*}) applied over the built-in defaults; it is read, never written
 * @param pageSize at most this many records per {@code /updates} answer
 * @param freshInterval at most one {@code /fresh} reading per this interval (all callers together)
 * @param multicast where the plain endpoint also listens for discovery on the "All CoAP Nodes" group
 *     (RFC 7252 §12.8), if at all
 */
public record CoapSettings(InetAddress bind, int plainPort, int securePort, boolean plainEnabled,
    Optional<Path> propertiesFile, int pageSize, Duration freshInterval, Optional<Multicast> multicast) {

  /**
   * A multicast group the plain endpoint joins so that a gateway can find the agent with a
   * {@code GET /.well-known/core} to the group (agents answer from their unicast address).
   *
   * @param networkInterface the interface to join the group on; empty = the first multicast-capable one
   */
  public record Multicast(InetAddress group, int port, Optional<String> networkInterface) {
    /** IPv4 "All CoAP Nodes", RFC 7252 §12.8. */
    public static final String ALL_COAP_NODES_IPV4 = "224.0.1.187";

    public Multicast {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(networkInterface, "networkInterface");
      if (!group.isMulticastAddress()) {
        throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast address");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("multicast port must be 1 to 65535, got " + port);
      }
    }
  }

  public static final int DEFAULT_PAGE_SIZE = 32;
  /** Keeps a page (records of a few KiB at most) well under Californium's body limit. */
  public static final int MAX_PAGE_SIZE = 64;

  public static final Duration DEFAULT_FRESH_INTERVAL = Duration.ofSeconds(2);

  public CoapSettings {
    Objects.requireNonNull(bind, "bind");
    if (freshInterval.isNegative()) {
      throw new IllegalArgumentException("freshInterval must not be negative: " + freshInterval);
    }
    Objects.requireNonNull(propertiesFile, "propertiesFile");
    if (plainPort < 0 || plainPort > 65535 || securePort < 0 || securePort > 65535) {
      throw new IllegalArgumentException("ports are 0 to 65535, got " + plainPort + " and " + securePort);
    }
    Objects.requireNonNull(multicast, "multicast");
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
    }
  }

  /** The standard ports 5683 and 5684 on {@code bind}, plain CoAP on, no properties file. */
  public static CoapSettings defaults(InetAddress bind) {
    return new CoapSettings(bind, 5683, 5684, true, Optional.empty(), DEFAULT_PAGE_SIZE,
        DEFAULT_FRESH_INTERVAL, Optional.empty());
  }

  /** Ephemeral ports on the loopback address: for tests. */
  public static CoapSettings loopbackEphemeral() {
    return new CoapSettings(InetAddress.getLoopbackAddress(), 0, 0, true, Optional.empty(), DEFAULT_PAGE_SIZE,
        DEFAULT_FRESH_INTERVAL, Optional.empty());
  }

  public CoapSettings withPageSize(int size) {
    return new CoapSettings(bind, plainPort, securePort, plainEnabled, propertiesFile, size, freshInterval, multicast);
  }

  public CoapSettings withPropertiesFile(Path file) {
    return new CoapSettings(bind, plainPort, securePort, plainEnabled, Optional.of(file), pageSize, freshInterval,
        multicast);
  }

  public CoapSettings withFreshInterval(Duration interval) {
    return new CoapSettings(bind, plainPort, securePort, plainEnabled, propertiesFile, pageSize, interval, multicast);
  }

  public CoapSettings withMulticast(Multicast group) {
    return new CoapSettings(bind, plainPort, securePort, plainEnabled, propertiesFile, pageSize, freshInterval,
        Optional.of(group));
  }
}

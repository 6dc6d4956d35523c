package io.packpass.agent.coap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.InMemoryMessageExchangeStore;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;

/**
 * Californium's configuration for the agent, built in code: never {@code Configuration.getStandard()},
 * which writes {@code Californium3.properties} into the working directory. An optional properties
 * file (same keys) is applied over these defaults; it is only read.
 */
public final class CoapConfigurations {
  /**
   * What a collector's Californium client should allow for reassembling block-wise answers
   * ({@code COAP.MAX_RESOURCE_BODY_SIZE}, default 8 KiB): /updates pages stay well below.
   */
  public static final int MAX_RESOURCE_BODY_SIZE = 256 * 1024;
  /**
   * The largest request body the agent reassembles from Block1 transfers (answers of any size still
   * go out block-wise): requests carry at most a nonce, so a 1 KiB cap keeps memory per peer small.
   */
  public static final int MAX_REQUEST_BODY_SIZE = 1024;
  /**
   * How many recent incoming exchanges an agent endpoint remembers for deduplication, in all peers
   * together ({@link BoundedDeduplicator}): about 2 MB of heap at the most, and minutes of history at
   * the request rates of a handful of collectors.
   */
  public static final int DEDUPLICATION_CAPACITY = 1024;
  /** The longest an agent waits before it answers a multicast request (see {@code COAP.LEISURE}). */
  public static final Duration LEISURE = Duration.ofSeconds(2);

  private CoapConfigurations() {
  }

  /** The agent's defaults (sized for a Raspberry Pi serving a handful of collectors), then the file. */
  public static Configuration agent(Optional<Path> propertiesFile) {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
    Configuration config = new Configuration();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_REQUEST_BODY_SIZE);
    config.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
    config.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
    config.set(CoapConfig.MAX_ACTIVE_PEERS, 1000);
    // Californium's deduplicators keep every exchange for EXCHANGE_LIFETIME (247 s): under sustained
    // load the agent ran out of a 48 MB (even a 256 MB) heap in seconds (docs/benchmarks.md, "Agent
    // CoAP service"), and the per-peer variant does not bound the number of peers. The agent's
    // endpoints (endpoint(), below) deduplicate with a BoundedDeduplicator instead; the store's own
    // one is switched off so it holds nothing.
    config.set(CoapConfig.DEDUPLICATOR, CoapConfig.NO_DEDUPLICATOR);
    // Answers to a multicast discovery are spread over a random delay up to LEISURE (RFC 7252 8.2),
    // 5 s by default; a depot's few dozen packs need less, and a gateway waits a little longer.
    config.set(CoapConfig.LEISURE, LEISURE.toMillis(), TimeUnit.MILLISECONDS);
    config.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
    config.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_COUNT, 20);
    config.set(CoapConfig.NOTIFICATION_CHECK_INTERVAL_TIME, 60, TimeUnit.SECONDS);
    config.set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY);
    config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
    config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 1000);
    config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
    propertiesFile.ifPresent(file -> {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Californium properties file " + file + " not found");
      }
      config.load(file.toFile());
    });
    return config;
  }

  /**
   * An endpoint builder on {@code config} whose deduplication is bounded in memory
   * ({@link #DEDUPLICATION_CAPACITY} exchanges, each kept for at most {@code COAP.EXCHANGE_LIFETIME}).
   */
  public static CoapEndpoint.Builder endpoint(Configuration config) {
    BoundedDeduplicator deduplicator = new BoundedDeduplicator(DEDUPLICATION_CAPACITY,
        config.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.MILLISECONDS),
        config.get(CoapConfig.MARK_AND_SWEEP_INTERVAL, TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS, System::nanoTime);
    return new CoapEndpoint.Builder().setConfiguration(config)
        .setMessageExchangeStore(new DeduplicatingExchangeStore(new InMemoryMessageExchangeStore(config), deduplicator));
  }
}

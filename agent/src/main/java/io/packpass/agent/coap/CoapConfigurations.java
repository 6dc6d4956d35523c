package io.packpass.agent.coap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.config.CoapConfig;
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
    // The default deduplicator keeps every exchange for EXCHANGE_LIFETIME (247 s): under sustained load
    // that is tens of thousands of exchanges and the agent ran out of a 48 MB (even a 256 MB) heap in
    // seconds (docs/benchmarks.md, "Agent CoAP service"). Keeping the last 64 per peer bounds it.
    config.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
    config.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, 64);
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
}

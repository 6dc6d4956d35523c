package io.packpass.agent.run;

import io.packpass.agent.coap.AgentCoapServer;
import io.packpass.agent.coap.CoapSettings;
import io.packpass.agent.coap.DtlsCredentials;
import io.packpass.agent.coap.PassportLogSource;
import io.packpass.agent.config.AgentConfig;
import io.packpass.agent.config.AgentConfigException;
import io.packpass.agent.estimate.Estimator;
import io.packpass.agent.estimate.EstimatorState;
import io.packpass.agent.estimate.ProfileEstimation;
import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.agent.profile.BmsConnection;
import io.packpass.agent.profile.HardwareProfile;
import io.packpass.agent.profile.ProfileLoader;
import io.packpass.agent.records.EstimatorStateFile;
import io.packpass.agent.records.PassportLog;
import io.packpass.agent.records.SigningClock;
import io.packpass.agent.records.UpdatePolicy;
import io.packpass.core.pki.ReloadingTrust;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateFormatException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The agent assembled from its configuration: identity checked, birth record verified, journal
 * recovered, passport rebuilt, estimator resumed, bus opened, CoAP service started. Closing it stops
 * the service and closes the bus and the journal. The composition root of {@code agent run}; nothing else wires these parts.
 */
public final class AgentApp implements AutoCloseable {
  static final int MAX_BIRTH_BYTES = 64 * 1024;

  private final AgentConfig config;
  private final HardwareProfile profile;
  private final AgentRunner runner;
  private final AgentCoapServer coap;
  private final List<AutoCloseable> resources;

  private AgentApp(AgentConfig config, HardwareProfile profile, AgentRunner runner, AgentCoapServer coap,
      List<AutoCloseable> resources) {
    this.config = config;
    this.profile = profile;
    this.runner = runner;
    this.coap = coap;
    this.resources = resources;
  }

  private static CoapSettings coapSettings(AgentConfig.Coap c) {
    InetAddress bind;
    try {
      bind = InetAddress.getByName(c.bind());
    } catch (UnknownHostException e) {
      throw new AgentConfigException("coap.bind: " + c.bind() + " is not an address of this machine");
    }
    CoapSettings s = new CoapSettings(bind, c.port(), c.dtlsPort(), true, Optional.empty(),
        CoapSettings.DEFAULT_PAGE_SIZE, CoapSettings.DEFAULT_FRESH_INTERVAL, Optional.empty());
    if (c.multicast()) {
      try {
        s = s.withMulticast(new CoapSettings.Multicast(InetAddress.getByName(CoapSettings.Multicast.ALL_COAP_NODES_IPV4),
            c.port() == 0 ? 5683 : c.port(), c.multicastInterface()));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a numeric address always resolves", e);
      }
    }
    return c.californiumProperties().map(s::withPropertiesFile).orElse(s);
  }

  /**
   * Starts everything but the polling loop (call {@link AgentRunner#run} or {@link AgentRunner#pollOnce}), on
   * the machine's clock: {@code clock} is its wall clock, {@code System.nanoTime} tells its steps.
   */
  public static AgentApp start(AgentConfig config, Clock clock) {
    return start(config, clock, System::nanoTime);
  }

  /**
   * As {@link #start(AgentConfig, Clock)} with {@code monotonicNanos}, a clock that wall-clock steps do not
   * move, to tell them ({@link SigningClock}).
   */
  public static AgentApp start(AgentConfig config, Clock clock, LongSupplier monotonicNanos) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Path base = config.source().getParent();
      HardwareProfile profile = new ProfileLoader().resolve(config.profile(), base);
      DeviceIdentity identity = DeviceIdentity.load(config.privateKey(), config.certificate(), config.trustAnchors(),
          config.crl(), config.passport(), clock.instant());
      SignedUpdate birth = birth(config.birthRecord());
      Journal journal = Journal.open(config.journal().dir(), JournalOptions.DEFAULT.withFsync(config.journal().fsync()));
      resources.add(journal);
      // a CRL copied onto the Pi while the agent runs takes effect within a minute, for DTLS clients and
      // for the agent's own certificate
      Supplier<TrustStore> trust = ReloadingTrust.of(config.crl(), identity.trust(),
          ReloadingTrust.DEFAULT_EVERY, monotonicNanos);
      PassportLog log = PassportLog.open(journal, identity, birth, new SigningClock(clock, monotonicNanos), trust);
      EstimatorStateFile stateFile = new EstimatorStateFile(config.journal().dir());
      Estimator estimator = new Estimator(ProfileEstimation.config(profile),
          stateFile.load().orElse(EstimatorState.initial()));
      BmsConnection connection = BmsConnection.open(profile, clock);
      resources.add(connection);
      AgentRunner runner = new AgentRunner(connection.driver(), estimator, log, new UpdatePolicy(config.updates()),
          stateFile, clock, monotonicNanos, profile.poll().interval());
      AgentCoapServer coap = new AgentCoapServer(
          new PassportLogSource(log, () -> Optional.of(runner.report().condition()),
              () -> runner.report().flags().size(), runner::fresh),
          coapSettings(config.coap()),
          Optional.of(DtlsCredentials.of(identity.signer(), identity.chain(), trust, clock)), clock);
      resources.add(coap);
      coap.start();
      return new AgentApp(config, profile, runner, coap, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static SignedUpdate birth(Path file) {
    try {
      if (Files.size(file) > MAX_BIRTH_BYTES) {
        throw new AgentConfigException(file + ": larger than " + MAX_BIRTH_BYTES + " bytes, not a birth record");
      }
      return SignedUpdate.parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new AgentConfigException(file + ": no such file (birthRecord: the birth.cose of the pack's bundle)");
    } catch (IOException e) {
      throw new AgentConfigException(file + ": " + e.getMessage(), e);
    } catch (UpdateFormatException e) {
      throw new AgentConfigException(file + ": not a signed update: " + e.getMessage(), e);
    }
  }

  public AgentConfig config() {
    return config;
  }

  public HardwareProfile profile() {
    return profile;
  }

  public AgentRunner runner() {
    return runner;
  }

  /** The CoAP service (started). */
  public AgentCoapServer coap() {
    return coap;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    List<AutoCloseable> reversed = new ArrayList<>(resources);
    Collections.reverse(reversed);
    for (AutoCloseable r : reversed) {
      try {
        r.close();
      } catch (Exception e) {
        // closing on the way out: nothing more to do with it
      }
    }
  }
}

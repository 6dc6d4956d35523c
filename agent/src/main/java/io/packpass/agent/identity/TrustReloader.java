package io.packpass.agent.identity;

import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust store as of the newest readable {@code trust.crl}: installing a new CRL ({@code packpass
 * provision crl}, copied onto the Pi) takes effect while the agent runs, for DTLS clients (new
 * handshakes and every request on an existing session) and for the agent's own certificate. The
 * file is looked at (modification time and size) at most every {@link #INTERVAL}, when the trust
 * is asked for; a CRL that cannot be read is logged once per version of the file and the one
 * loaded before stays in force (a half-copied file must not drop every revocation).
 */
public final class TrustReloader implements Supplier<TrustStore> {
  private static final Logger LOG = LoggerFactory.getLogger(TrustReloader.class);
  /** A CRL is published every few days: a minute is prompt, and one stat a minute costs nothing. */
  public static final Duration INTERVAL = Duration.ofSeconds(60);

  private final Path anchors;
  private final Optional<Path> crl;
  private final Clock clock;
  private TrustStore current;
  private Instant lastLook;
  private String seenVersion;

  /** @param loaded the trust store as loaded at start from {@code anchors} and {@code crl} */
  public TrustReloader(Path anchors, Optional<Path> crl, TrustStore loaded, Clock clock) {
    this.anchors = Objects.requireNonNull(anchors, "anchors");
    this.crl = Objects.requireNonNull(crl, "crl");
    this.current = Objects.requireNonNull(loaded, "loaded");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lastLook = clock.instant();
    this.seenVersion = crl.map(TrustReloader::version).orElse("");
  }

  @Override
  public synchronized TrustStore get() {
    Instant now = clock.instant();
    if (crl.isEmpty() || now.isBefore(lastLook.plus(INTERVAL)) && !now.isBefore(lastLook)) {
      return current; // a clock stepped back looks again at once rather than an hour later
    }
    lastLook = now;
    String version = version(crl.get());
    if (version.equals(seenVersion)) {
      return current;
    }
    seenVersion = version;
    try {
      TrustStore next = TrustStore.load(anchors, crl);
      X509CRL list = next.crls().get(0);
      current = next;
      LOG.warn("{} changed: now using the CRL of {} issued {}, next update {}, {} revoked", crl.get(),
          list.getIssuerX500Principal().getName(), list.getThisUpdate().toInstant(),
          list.getNextUpdate() == null ? "none" : list.getNextUpdate().toInstant(),
          list.getRevokedCertificates() == null ? 0 : list.getRevokedCertificates().size());
    } catch (TrustException e) {
      LOG.warn("{} changed but cannot be used ({}); the CRL loaded before stays in force", crl.get(), e.getMessage());
    }
    return current;
  }

  /** Modification time and size: what changes when a new CRL is copied in. */
  private static String version(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.lastModifiedTime().toMillis() + "/" + a.size();
    } catch (IOException e) {
      return "missing";
    }
  }
}

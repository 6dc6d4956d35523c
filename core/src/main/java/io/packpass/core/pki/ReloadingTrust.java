package io.packpass.core.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust anchors of {@code trust.anchors} with the CRL file of {@code trust.crl} as it is now, for
 * the agent, the gateway and the registry alike: a CRL published while they run (copied over the
 * file) is used from the next look after it, without a restart. The file is read again at most every
 * {@code every} (monotonic time, so a wall clock stepped back or ahead neither delays nor hurries it),
 * when someone asks for the trust; a changed file is loaded only if it parses and is not older than
 * the one in use (an older CRL would un-revoke what the newer one lists; a half-copied file must not
 * drop every revocation), else the one in use stays and the problem is logged once per version of the
 * file. The anchors stay as loaded at start: validated chains are cached against them. Thread-safe.
 */
public final class ReloadingTrust implements Supplier<TrustStore> {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingTrust.class);
  public static final Duration DEFAULT_EVERY = Duration.ofMinutes(1);
  /** As core's TrustStore: a CRL file is kilobytes, a far larger one is the wrong file. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private final Path crl;
  private final long everyNanos;
  private final LongSupplier nanos;
  private volatile TrustStore current;
  private long lookedAt;
  /**
   * SHA-256 of the file as last judged: null before the first look, empty while it cannot be read.
   * Not taken at start: the file may have changed since {@code loaded} was read from it, and a CRL
   * copied in between would then pass for the one in use.
   */
  private byte[] digest;

  /** @param loaded the trust store as loaded at start, with the CRL of {@code crl} */
  public ReloadingTrust(Path crl, TrustStore loaded, Duration every, LongSupplier nanos) {
    if (loaded.crls().isEmpty()) {
      throw new IllegalArgumentException("the trust store was loaded without the CRL " + crl + " to watch");
    }
    this.crl = crl;
    this.everyNanos = every.toNanos();
    this.nanos = nanos;
    this.current = loaded;
    this.lookedAt = nanos.getAsLong();
  }

  /**
   * The trust of {@code anchors} and {@code crl} as loaded now, reloaded every {@code every} of the
   * JVM's monotonic clock, or a fixed one when there is no CRL file to watch.
   *
   * @throws TrustException naming the file when the anchors or the CRL cannot be loaded
   */
  public static Supplier<TrustStore> of(Path anchors, Optional<Path> crl, Duration every) {
    return of(crl, TrustStore.load(anchors, crl), every, System::nanoTime);
  }

  /**
   * As {@link #of(Path, Optional, Duration)}, starting from {@code loaded} (the anchors and the CRL as
   * loaded at start), on the monotonic clock {@code nanos}.
   */
  public static Supplier<TrustStore> of(Optional<Path> crl, TrustStore loaded, Duration every,
      LongSupplier nanos) {
    if (crl.isEmpty()) {
      return () -> loaded;
    }
    return new ReloadingTrust(crl.get(), loaded, every, nanos);
  }

  @Override
  public TrustStore get() {
    long now = nanos.getAsLong();
    synchronized (this) {
      if (now - lookedAt >= everyNanos) {
        lookedAt = now;
        look();
      }
    }
    return current;
  }

  private void look() {
    byte[] bytes;
    try {
      bytes = read();
    } catch (TrustException e) {
      if (digest == null || digest.length > 0) {
        LOG.warn("CRL {} cannot be read ({}); still using the one loaded before", crl, e.getMessage());
        digest = new byte[0];
      }
      return;
    }
    byte[] seen = digest(bytes);
    if (Arrays.equals(seen, digest)) {
      return;
    }
    digest = seen; // whatever becomes of this version, it is judged once
    X509CRL now;
    try {
      now = TrustStore.crl(crl, bytes);
    } catch (TrustException e) {
      LOG.warn("CRL {} changed but cannot be used ({}); still using the one issued {}", crl, e.getMessage(),
          describe(current.crls()));
      return;
    }
    X509CRL before = current.crls().get(0);
    if (now.equals(before)) {
      return; // the CRL in use (the first look after start, or the same CRL copied over again)
    }
    TrustStore loaded = new TrustStore(current.roots(), List.of(now));
    if (now.getIssuerX500Principal().equals(before.getIssuerX500Principal())
        && now.getThisUpdate().before(before.getThisUpdate())) {
      LOG.warn("CRL {} changed to one issued {}, older than the one in use (issued {}); ignored: an older CRL"
          + " would take back revocations", crl, now.getThisUpdate().toInstant(), before.getThisUpdate().toInstant());
      return;
    }
    current = loaded;
    LOG.info("loaded CRL {}: now using the CRL issued {}, {} revoked (before: issued {}, {} revoked)", crl,
        describe(loaded.crls()), revoked(now), before.getThisUpdate().toInstant(), revoked(before));
  }

  private byte[] read() {
    try {
      if (Files.size(crl) > MAX_FILE_BYTES) {
        throw new TrustException(crl + ": larger than " + MAX_FILE_BYTES + " bytes, not a CRL");
      }
      return Files.readAllBytes(crl);
    } catch (IOException e) {
      throw new TrustException(crl + ": " + e.getMessage(), e);
    }
  }

  private static String describe(List<X509CRL> crls) {
    X509CRL c = crls.get(0);
    return c.getThisUpdate().toInstant() + (c.getNextUpdate() == null ? "" : ", next update "
        + c.getNextUpdate().toInstant());
  }

  private static int revoked(X509CRL crl) {
    return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}

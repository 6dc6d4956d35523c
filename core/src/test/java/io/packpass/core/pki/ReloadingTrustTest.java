package io.packpass.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CRL copied over {@code trust.crl} while a node runs: when it is used, and when it must not be. */
class ReloadingTrustTest {
  private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");
  private static final Duration EVERY = Duration.ofMinutes(1);

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private KeyPair caKey;
  private X500Name caName;
  private Path anchors;
  private Path crl;

  @BeforeEach
  void ca() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    caKey = g.generateKeyPair();
    caName = new X500Name("CN=Test Manufacturer CA");
    X509Certificate root = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(T.minus(Duration.ofDays(30))),
            Date.from(T.plus(Duration.ofDays(3650))), caName, caKey.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    anchors = dir.resolve("anchors.pem");
    Files.writeString(anchors, pem(root));
    crl = dir.resolve("crl.pem");
  }

  @Test
  void a_newer_crl_is_used_from_the_first_look_after_the_interval_and_not_before() throws Exception {
    publish(T);
    Supplier<TrustStore> trust = start();

    publish(T.plus(Duration.ofDays(1)), 7);
    nanos.addAndGet(EVERY.toNanos() - 1);
    assertThat(revoked(trust)).as("looked at less than a minute after the last look").isFalse();
    nanos.addAndGet(1);
    assertThat(revoked(trust)).as("a minute later the new CRL is in force").isTrue();
  }

  @Test
  void an_older_crl_copied_over_the_newer_one_is_refused_and_the_revocation_stays() throws Exception {
    publish(T, 7);
    Supplier<TrustStore> trust = start();

    publish(T.minus(Duration.ofDays(1))); // last week's CRL, which does not list 7 yet
    nanos.addAndGet(EVERY.toNanos());

    assertThat(revoked(trust)).as("an older CRL would take the revocation back").isTrue();
    assertThat(trust.get().crls().get(0).getThisUpdate().toInstant()).isEqualTo(T);
  }

  @Test
  void a_half_copied_file_keeps_the_crl_in_use_and_the_complete_copy_is_then_taken() throws Exception {
    publish(T);
    Supplier<TrustStore> trust = start();
    TrustStore before = trust.get();

    String next = crlPem(T.plus(Duration.ofDays(1)), 7);
    Files.writeString(crl, next.substring(0, next.length() / 2));
    nanos.addAndGet(EVERY.toNanos());
    assertThat(trust.get()).as("half a CRL is not a CRL").isSameAs(before);

    Files.writeString(crl, next);
    nanos.addAndGet(EVERY.toNanos());
    assertThat(revoked(trust)).isTrue();
  }

  @Test
  void a_crl_copied_after_the_trust_was_loaded_and_before_the_watch_began_is_taken_at_the_first_look()
      throws Exception {
    publish(T);
    TrustStore loaded = TrustStore.load(anchors, Optional.of(crl));
    publish(T.plus(Duration.ofDays(1)), 7); // copied in while the node was still starting
    Supplier<TrustStore> trust = ReloadingTrust.of(Optional.of(crl), loaded, EVERY, nanos::get);

    nanos.addAndGet(EVERY.toNanos());

    assertThat(revoked(trust)).as("the file changed after it was loaded: it is not the CRL in use").isTrue();
  }

  @Test
  void a_file_that_does_not_change_is_not_loaded_again() throws Exception {
    String same = crlPem(T);
    Files.writeString(crl, same);
    Supplier<TrustStore> trust = start();
    TrustStore first = trust.get();

    Files.writeString(crl, same); // the same bytes copied over again (a new modification time)
    nanos.addAndGet(10 * EVERY.toNanos());

    assertThat(trust.get()).isSameAs(first);
  }

  @Test
  void without_a_crl_file_there_is_nothing_to_watch() {
    TrustStore loaded = TrustStore.load(anchors, Optional.empty());
    Supplier<TrustStore> trust = ReloadingTrust.of(Optional.empty(), loaded, EVERY, nanos::get);

    nanos.addAndGet(10 * EVERY.toNanos());

    assertThat(trust.get()).isSameAs(loaded);
  }

  private Supplier<TrustStore> start() {
    return ReloadingTrust.of(Optional.of(crl), TrustStore.load(anchors, Optional.of(crl)), EVERY, nanos::get);
  }

  /** Whether the trust in force lists serial 7 as revoked. */
  private static boolean revoked(Supplier<TrustStore> trust) {
    X509CRL c = trust.get().crls().get(0);
    return c.getRevokedCertificate(BigInteger.valueOf(7)) != null;
  }

  /** Writes a CRL issued at {@code issued} revoking {@code serials}, beside the file and renamed over it. */
  private void publish(Instant issued, long... serials) throws Exception {
    Path beside = dir.resolve("crl.pem.new");
    Files.writeString(beside, crlPem(issued, serials));
    Files.move(beside, crl, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private String crlPem(Instant issued, long... serials) throws Exception {
    X509v2CRLBuilder b = new X509v2CRLBuilder(caName, Date.from(issued));
    b.setNextUpdate(Date.from(issued.plus(Duration.ofDays(7))));
    for (long s : serials) {
      b.addCRLEntry(BigInteger.valueOf(s), Date.from(issued), CRLReason.keyCompromise);
    }
    return pem(new JcaX509CRLConverter().getCRL(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate()))));
  }

  private static String pem(Object o) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }
}

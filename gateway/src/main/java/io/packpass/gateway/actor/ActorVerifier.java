package io.packpass.gateway.actor;

import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.KeyId;
import io.packpass.core.pki.RoleCertificates;
import io.packpass.core.pki.StaleCrlException;
import io.packpass.core.pki.TrustException;
import io.packpass.core.pki.TrustStore;
import io.packpass.gateway.verify.TrustUnavailableException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Checks the signer of a COSE_Sign1 that carries its certificate chain (x5chain): the chain leads to
 * the manufacturer's root and is valid, not revoked, at {@code at} (core's {@link TrustStore}); the kid
 * is the leaf's key; the signature verifies with it. The actor is the leaf: a role certificate
 * (SAN {@code urn:packpass:role:<role>}) or the passport signer (PackPass EKU). Thread-safe.
 */
public final class ActorVerifier {
  private final Supplier<TrustStore> trust;

  /** @param trust the anchors and the CRL as they are now ({@code core.pki.ReloadingTrust}) */
  public ActorVerifier(Supplier<TrustStore> trust) {
    this.trust = trust;
  }

  public ActorVerifier(TrustStore trust) {
    this(() -> trust);
  }

  /**
   * @throws ActorRefusedException naming what is wrong
   * @throws TrustUnavailableException when the CRL is out of date (nothing can be judged now)
   */
  public Actor verify(CoseSign1 cose, KeyId kid, Instant at) {
    List<X509Certificate> chain;
    try {
      chain = TrustStore.fromDer(cose.certificateChain());
    } catch (TrustException | CoseException e) {
      throw new ActorRefusedException("untrusted-certificate", "unreadable certificate chain: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new ActorRefusedException("untrusted-certificate", "no certificate chain (x5chain)");
    }
    TrustStore trust = this.trust.get();
    try {
      trust.validate(chain, at);
    } catch (StaleCrlException e) {
      throw new TrustUnavailableException(e.getMessage());
    } catch (TrustException e) {
      boolean revoked = trust.revocation(chain.get(0)).isPresent();
      throw new ActorRefusedException(revoked ? "revoked" : "untrusted-certificate", e.getMessage());
    }
    X509Certificate leaf = chain.get(0);
    VerificationKey key = VerificationKey.fromSubjectPublicKeyInfo(leaf.getPublicKey().getEncoded());
    if (!key.keyId().equals(kid)) {
      throw new ActorRefusedException("kid-mismatch", "kid " + kid + " is not the key of " + leaf.getSubjectX500Principal());
    }
    boolean good;
    try {
      good = cose.verify(key);
    } catch (CoseException e) {
      throw new ActorRefusedException("bad-signature", e.getMessage());
    }
    if (!good) {
      throw new ActorRefusedException("bad-signature", "the signature does not verify with the key of "
          + leaf.getSubjectX500Principal());
    }
    return new Actor(RoleCertificates.roleOf(leaf), RoleCertificates.isPassportSigner(leaf),
        leaf.getSubjectX500Principal().getName());
  }
}

package io.packpass.gateway.token;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborFields;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cbor.CborMapBuilder;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.Signer;
import io.packpass.core.id.KeyId;
import io.packpass.gateway.actor.Actor;
import io.packpass.gateway.actor.ActorRefusedException;
import io.packpass.gateway.actor.ActorVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Signed bearer tokens for the registry (docs/registry.md "Tokens"): a CWT (RFC 8392) in a
 * COSE_Sign1, signed by the holder's own role credential from provisioning, whose certificate chain
 * travels in x5chain. The registry checks it with core's PKI like any other signature (chain to the
 * manufacturer's root, CRL, kid, signature), then the claims: {@code aud} is this registry,
 * {@code iat} not in the future, {@code exp} not passed and at most {@link #MAX_LIFETIME} after
 * {@code iat}. The role is the certificate's. No token store, no second key to guard: a token is a
 * short-lived, self-contained proof of holding a role key, for callers that cannot present the
 * certificate in TLS (a phone browser, a proxy that ends TLS).
 *
 * <p>Wire form: {@code base64url(COSE_Sign1)} without padding, in {@code Authorization: Bearer}. Claims:
 * {@code {1: iss (certificate subject), 3: aud, 4: exp, 6: iat, 7: cti (16 random bytes)}}.
 */
public final class BearerTokens {
  public static final Duration MAX_LIFETIME = Duration.ofHours(12);
  /** A token with a two-certificate chain is about 1.5 KB of base64. */
  public static final int MAX_CHARS = 8192;
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final CborLimits LIMITS = CborLimits.DEFAULT.withMaxBytes(MAX_CHARS);
  private static final int CACHE_SIZE = 10_000;

  private final ActorVerifier actors;
  private final String audience;
  private final Clock clock;
  private final Map<String, Verified> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private record Verified(Actor actor, Instant expires) {
  }

  /** @param audience this registry's public base URL, as the tokens name it */
  public BearerTokens(ActorVerifier actors, String audience, Clock clock) {
    this.actors = actors;
    this.audience = audience;
    this.clock = clock;
  }

  /** A token for {@code audience}, valid from {@code now} for {@code lifetime}, signed by a role credential. */
  public static String issue(Signer signer, String audience, Instant now, Duration lifetime, SecureRandom random) {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new TokenException("a token lives at most " + MAX_LIFETIME + ", not " + lifetime);
    }
    if (signer.certificateChain().isEmpty()) {
      throw new TokenException("a token carries its signer's certificate chain");
    }
    byte[] cti = new byte[16];
    random.nextBytes(cti);
    long iat = now.getEpochSecond();
    byte[] claims = CborEncoder.encode(CborMapBuilder.map()
        .put(1, subjectOf(signer))
        .put(3, audience)
        .put(4, iat + lifetime.toSeconds())
        .put(6, iat)
        .put(7, cti)
        .build());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(CoseSign1.sign(signer, claims).encoded());
  }

  private static String subjectOf(Signer signer) {
    try {
      return io.packpass.core.pki.TrustStore.fromDer(signer.certificateChain()).get(0).getSubjectX500Principal()
          .getName();
    } catch (io.packpass.core.pki.TrustException e) {
      throw new TokenException("the credential's certificate cannot be read: " + e.getMessage());
    }
  }

  /**
   * The role holder the token proves, checked in full (cached until it expires).
   *
   * @throws TokenException naming what is wrong with the token
   * @throws io.packpass.gateway.verify.TrustUnavailableException when the CRL is out of date
   */
  public Actor verify(String token) {
    if (token.isEmpty() || token.length() > MAX_CHARS) {
      throw new TokenException("a bearer token is 1 to " + MAX_CHARS + " characters of base64url");
    }
    Instant now = clock.instant();
    String key = fingerprint(token);
    synchronized (cache) {
      Verified known = cache.get(key);
      if (known != null && now.isBefore(known.expires())) {
        return known.actor();
      }
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new TokenException("the bearer token is not base64url: " + e.getMessage());
    }
    CoseSign1 cose;
    KeyId kid;
    CborFields claims;
    try {
      cose = CoseSign1.parse(bytes, LIMITS);
      kid = KeyId.of(cose.kid().orElseThrow(() -> new TokenException("the token names no key (kid)")));
      claims = CborFields.of(CborDecoder.decode(cose.payload().orElseThrow(
          () -> new TokenException("the token has no claims")), LIMITS), "$").rejectUnknown(Set.of(1L, 3L, 4L, 6L, 7L));
    } catch (CoseException | CborException | IllegalArgumentException e) {
      throw new TokenException("not a PackPass bearer token: " + e.getMessage());
    }
    Actor actor;
    try {
      actor = actors.verify(cose, kid, now);
    } catch (ActorRefusedException e) {
      throw new TokenException("the token's signer is not accepted: " + e.getMessage());
    }
    String aud;
    Instant exp;
    Instant iat;
    try {
      aud = claims.requireText(3, 1024);
      exp = Instant.ofEpochSecond(claims.requireInt(4, 0, 253402300799L));
      iat = Instant.ofEpochSecond(claims.requireInt(6, 0, 253402300799L));
      claims.requireText(1, 1024);
      claims.requireBytes(7);
    } catch (CborException e) {
      throw new TokenException("token claims: " + e.getMessage());
    }
    if (!aud.equals(audience)) {
      throw new TokenException("the token is for " + aud + ", not for this registry (" + audience + ")");
    }
    if (iat.isAfter(now.plus(CLOCK_SKEW))) {
      throw new TokenException("the token is issued in the future (" + iat + ")");
    }
    if (!now.isBefore(exp)) {
      throw new TokenException("the token expired at " + exp);
    }
    if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0) {
      throw new TokenException("the token lives longer than " + MAX_LIFETIME);
    }
    if (actor.role().isEmpty()) {
      throw new TokenException("the token is signed by " + actor.subject() + ", which holds no role certificate");
    }
    synchronized (cache) {
      cache.put(key, new Verified(actor, exp));
    }
    return actor;
  }

  /** When the token expires, for a cookie's lifetime; the token must already have passed {@link #verify}. */
  public static Instant expiry(String token) {
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    Cbor claims = CborDecoder.decode(CoseSign1.parse(bytes, LIMITS).payload().orElseThrow(), LIMITS);
    return Instant.ofEpochSecond(CborFields.of(claims, "$").requireInt(4));
  }

  private static String fingerprint(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}

package io.packpass.core.label;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborDiagnostic;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborLimits;
import io.packpass.core.cose.CoseException;
import io.packpass.core.cose.CoseSign1;
import io.packpass.core.cose.Signer;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.id.KeyId;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.PassportId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The offline-verifiable part of a battery label: a COSE_Sign1 (tag 18) over {@link LabelFacts},
 * signed by the manufacturer's passport-signer key or the pack's device key.
 *
 * <p>Protected header {@code {1: alg, 4: kid}}, plus {@code 33: x5chain} (the signer's certificate)
 * only when the verifier cannot be expected to hold it; unprotected header empty. The Digital Link
 * (passport id and resolver) is bound, not carried: the COSE external AAD (RFC 9052 §4.3) is
 * {@value #CONTEXT} followed by the canonical link ({@link DigitalLink#format()}), so a signature
 * copied onto another pack's link or onto a look-alike resolver, or a birth record or update signed
 * by the same key (empty AAD), never verifies as this label.
 *
 * <p>Parsing is strict and bounded ({@link #LIMITS}): deterministic encoding only, the tag, no other
 * header, no detached payload; every problem is a {@link LabelFormatException}.
 */
public final class SignedLabel {
  /** Prefix of the external AAD: domain separation from every other PackPass signature. */
  public static final String CONTEXT = "PackPass label 1 ";
  /** A label signature is a few hundred bytes; one carrying a certificate stays under 2 KiB. */
  public static final CborLimits LIMITS = new CborLimits(2048, 6, true);

  private static final Set<Cbor> PROTECTED_LABELS = Set.of(Cbor.of(CoseSign1.LABEL_ALG), Cbor.of(CoseSign1.LABEL_KID),
      Cbor.of(CoseSign1.LABEL_X5CHAIN));

  private final CoseSign1 cose;
  private final DigitalLink link;
  private final LabelFacts facts;
  private final KeyId kid;

  private SignedLabel(CoseSign1 cose, DigitalLink link, LabelFacts facts, KeyId kid) {
    this.cose = cose;
    this.link = link;
    this.facts = facts;
    this.kid = kid;
  }

  /**
   * Signs {@code facts} for the pack whose label carries {@code link}.
   *
   * @param certificate DER of the signer's certificate to carry (a device key, whose certificate no
   *     offline verifier holds), or empty to carry the kid only (the passport signer, whose certificate
   *     the manufacturer publishes with its root)
   */
  public static SignedLabel sign(Signer signer, DigitalLink link, LabelFacts facts, java.util.Optional<byte[]> certificate) {
    Objects.requireNonNull(link, "link");
    HashMap<Cbor, Cbor> headers = new HashMap<>();
    headers.put(Cbor.of(CoseSign1.LABEL_ALG), Cbor.of(signer.algorithm().id()));
    headers.put(Cbor.of(CoseSign1.LABEL_KID), Cbor.of(signer.keyId().bytes()));
    certificate.ifPresent(der -> headers.put(Cbor.of(CoseSign1.LABEL_X5CHAIN), Cbor.of(der)));
    CoseSign1 cose = CoseSign1.sign(signer, Cbor.Map.of(headers), Cbor.Map.empty(), facts.encode(), aad(link));
    return new SignedLabel(cose, link, facts, signer.keyId());
  }

  /**
   * Parses the signature of a label, scanned together with {@code link}.
   *
   * @throws LabelFormatException naming what is wrong
   */
  public static SignedLabel parse(byte[] bytes, DigitalLink link) {
    Objects.requireNonNull(link, "link");
    Cbor item;
    try {
      item = CborDecoder.decode(bytes, LIMITS);
    } catch (CborException e) {
      throw new LabelFormatException("label signature: " + e.getMessage(), e);
    }
    if (!(item instanceof Cbor.Tagged tagged) || tagged.tag() != CoseSign1.TAG) {
      throw new LabelFormatException("label signature: expected a COSE_Sign1 with tag 18");
    }
    CoseSign1 cose;
    try {
      cose = CoseSign1.parse(bytes, LIMITS);
    } catch (CoseException e) {
      throw new LabelFormatException("label signature: " + e.getMessage(), e);
    }
    for (Cbor label : cose.protectedHeaders().entries().keySet()) {
      if (!PROTECTED_LABELS.contains(label)) {
        throw new LabelFormatException("label signature: protected header " + CborDiagnostic.format(label) + " is not one of alg (1), kid (4),"
            + " x5chain (33)");
      }
    }
    if (cose.unprotectedHeaders().size() != 0) {
      throw new LabelFormatException("label signature: the unprotected header must be empty");
    }
    if (!cose.algorithmIsProtected()) {
      throw new LabelFormatException("label signature: 'alg' missing from the protected header");
    }
    KeyId kid;
    List<byte[]> chain;
    try {
      cose.algorithm();
      kid = KeyId.of(cose.kid().orElseThrow(() -> new LabelFormatException("label signature: 'kid' missing")));
      chain = cose.certificateChain();
    } catch (CoseException | IllegalArgumentException e) {
      throw new LabelFormatException("label signature header: " + e.getMessage(), e);
    }
    if (chain.size() > 1) {
      throw new LabelFormatException("label signature: x5chain carries " + chain.size()
          + " certificates; a label carries at most the signer's own");
    }
    byte[] payload = cose.payload().orElseThrow(() -> new LabelFormatException("label signature: detached payload"));
    LabelFacts facts;
    try {
      facts = LabelFacts.decode(payload, LIMITS);
    } catch (CborException e) {
      throw new LabelFormatException("label payload: " + e.getMessage(), e);
    }
    return new SignedLabel(cose, link, facts, kid);
  }

  /** The external AAD that binds a label signature to its link. */
  static byte[] aad(DigitalLink link) {
    return (CONTEXT + link.format()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Whether the signature verifies with {@code key} for this label's link.
   *
   * @throws CoseException when the signature's algorithm does not fit the key
   */
  public boolean verify(VerificationKey key) {
    return cose.verify(key, aad(link));
  }

  public DigitalLink link() {
    return link;
  }

  public PassportId passport() {
    return link.id();
  }

  public LabelFacts facts() {
    return facts;
  }

  public KeyId kid() {
    return kid;
  }

  /** The signer's certificate (DER) when the label carries it. */
  public java.util.Optional<byte[]> certificate() {
    List<byte[]> chain = cose.certificateChain();
    return chain.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(chain.get(0));
  }

  /** The exact COSE bytes. */
  public byte[] encoded() {
    return cose.encoded();
  }

  public CoseSign1 cose() {
    return cose;
  }

  @Override
  public String toString() {
    return "SignedLabel[" + link + ", kid " + kid + ", " + encoded().length + " bytes]";
  }
}

package io.packpass.core.cose;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.cbor.CborEncoder;
import io.packpass.core.cbor.CborException;
import io.packpass.core.cbor.CborLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * COSE_Sign1 (RFC 9052 §4.2): build, parse and verify.
 *
 * <p>Hand-written on purpose (ARCHITECTURE.md §4): the structure is small and PackPass needs
 * byte-exact control of what is signed and hashed; the only maintained Java library that passes
 * the cose-wg vectors brings Gson and more. Policy, per RFC 9052 and the cose-wg vectors: tag 18
 * is emitted always and optional on input (any other tag is rejected); an empty protected bucket
 * may arrive as {@code h''} or {@code h'A0'} and enters the Sig_structure as {@code h''}; a label
 * may not appear twice nor in both buckets; {@code alg} is taken from the protected bucket first;
 * {@code crit} must be protected and may list only labels this class understands.
 */
public final class CoseSign1 {
  public static final long TAG = 18;
  public static final long LABEL_ALG = 1;
  public static final long LABEL_CRIT = 2;
  public static final long LABEL_CONTENT_TYPE = 3;
  public static final long LABEL_KID = 4;
  public static final long LABEL_X5CHAIN = 33;

  private static final byte[] EMPTY = new byte[0];

  private final byte[] protectedBucket;
  private final Cbor.Map protectedHeaders;
  private final Cbor.Map unprotectedHeaders;
  private final byte[] payload;
  private final byte[] signature;
  private final byte[] encoded;

  private CoseSign1(byte[] protectedBucket, Cbor.Map protectedHeaders, Cbor.Map unprotectedHeaders,
      byte[] payload, byte[] signature, byte[] encoded) {
    this.protectedBucket = protectedBucket;
    this.protectedHeaders = protectedHeaders;
    this.unprotectedHeaders = unprotectedHeaders;
    this.payload = payload;
    this.signature = signature;
    this.encoded = encoded;
  }

  /**
   * Signs {@code payload} with PackPass's header profile: protected {@code {1: alg, 4: kid}}
   * (plus x5chain, protected, when the signer has a certificate chain), empty unprotected.
   */
  public static CoseSign1 sign(Signer signer, byte[] payload) {
    return sign(signer, payload, EMPTY);
  }

  public static CoseSign1 sign(Signer signer, byte[] payload, byte[] externalAad) {
    HashMap<Cbor, Cbor> headers = new HashMap<>();
    headers.put(Cbor.of(LABEL_ALG), Cbor.of(signer.algorithm().id()));
    headers.put(Cbor.of(LABEL_KID), Cbor.of(signer.keyId().bytes()));
    List<byte[]> chain = signer.certificateChain();
    if (chain.size() == 1) {
      headers.put(Cbor.of(LABEL_X5CHAIN), Cbor.of(chain.get(0)));
    } else if (chain.size() > 1) {
      headers.put(Cbor.of(LABEL_X5CHAIN), new Cbor.Array(chain.stream().<Cbor>map(Cbor::of).toList()));
    }
    return sign(signer, Cbor.Map.of(headers), Cbor.Map.empty(), payload, externalAad);
  }

  /** Signs with caller-chosen header buckets (used to reproduce reference vectors). */
  public static CoseSign1 sign(Signer signer, Cbor.Map protectedHeaders, Cbor.Map unprotectedHeaders,
      byte[] payload, byte[] externalAad) {
    checkBuckets(protectedHeaders, unprotectedHeaders);
    byte[] bucket = protectedHeaders.size() == 0 ? EMPTY : CborEncoder.encode(protectedHeaders);
    byte[] signature = signer.sign(sigStructure(bucket, externalAad, payload));
    byte[] encoded = CborEncoder.encode(new Cbor.Tagged(TAG, Cbor.array(
        Cbor.of(bucket), unprotectedHeaders, payload == null ? Cbor.Null.NULL : Cbor.of(payload), Cbor.of(signature))));
    return new CoseSign1(bucket, protectedHeaders, unprotectedHeaders, payload, signature, encoded);
  }

  /** Parses with the default size and depth limits. */
  public static CoseSign1 parse(byte[] bytes) {
    return parse(bytes, CborLimits.DEFAULT);
  }

  /**
   * Parses a tagged or untagged COSE_Sign1. Key order inside the message is not checked (other
   * implementations need not sort), but every other decoder limit applies.
   */
  public static CoseSign1 parse(byte[] bytes, CborLimits limits) {
    Cbor item;
    try {
      item = CborDecoder.decode(bytes, limits.lenientOrder());
    } catch (CborException e) {
      throw new CoseException("not a COSE_Sign1: " + e.getMessage(), e);
    }
    if (item instanceof Cbor.Tagged tagged) {
      if (tagged.tag() != TAG) {
        throw new CoseException("not a COSE_Sign1: tag " + tagged.tag() + " where 18 (or none) was expected");
      }
      item = tagged.content();
    }
    if (!(item instanceof Cbor.Array array) || array.size() != 4) {
      throw new CoseException("not a COSE_Sign1: expected an array of 4 items");
    }
    if (!(array.get(0) instanceof Cbor.Bytes bucketItem)) {
      throw new CoseException("COSE_Sign1 protected header must be a byte string");
    }
    if (!(array.get(1) instanceof Cbor.Map unprotectedHeaders)) {
      throw new CoseException("COSE_Sign1 unprotected header must be a map");
    }
    byte[] payload;
    if (array.get(2) instanceof Cbor.Bytes payloadItem) {
      payload = payloadItem.value();
    } else if (array.get(2) instanceof Cbor.Null) {
      payload = null;
    } else {
      throw new CoseException("COSE_Sign1 payload must be a byte string or nil");
    }
    if (!(array.get(3) instanceof Cbor.Bytes signatureItem)) {
      throw new CoseException("COSE_Sign1 signature must be a byte string");
    }
    byte[] bucket = bucketItem.value();
    Cbor.Map protectedHeaders = Cbor.Map.empty();
    if (bucket.length > 0) {
      Cbor decoded;
      try {
        decoded = CborDecoder.decode(bucket, limits.lenientOrder());
      } catch (CborException e) {
        throw new CoseException("COSE_Sign1 protected header is not valid CBOR: " + e.getMessage(), e);
      }
      if (!(decoded instanceof Cbor.Map map)) {
        throw new CoseException("COSE_Sign1 protected header must encode a map");
      }
      protectedHeaders = map;
    }
    checkBuckets(protectedHeaders, unprotectedHeaders);
    // RFC 9052 §3: h'A0' and h'' both mean "no protected headers"; the Sig_structure takes h''.
    byte[] signedBucket = protectedHeaders.size() == 0 ? EMPTY : bucket;
    return new CoseSign1(signedBucket, protectedHeaders, unprotectedHeaders, payload, signatureItem.value(),
        bytes.clone());
  }

  private static void checkBuckets(Cbor.Map protectedHeaders, Cbor.Map unprotectedHeaders) {
    for (Cbor label : protectedHeaders.entries().keySet()) {
      if (unprotectedHeaders.entries().containsKey(label)) {
        throw new CoseException("COSE header label " + label + " appears in both the protected and unprotected bucket");
      }
    }
    if (unprotectedHeaders.entries().containsKey(Cbor.of(LABEL_CRIT))) {
      throw new CoseException("COSE header 'crit' must be protected");
    }
    protectedHeaders.get(LABEL_CRIT).ifPresent(crit -> {
      throw new CoseException("COSE critical header(s) " + crit + " not understood");
    });
  }

  /** Sig_structure = ["Signature1", protected bucket, external_aad, payload] (RFC 9052 §4.4). */
  private static byte[] sigStructure(byte[] bucket, byte[] externalAad, byte[] payload) {
    if (payload == null) {
      throw new CoseException("detached payloads are not supported");
    }
    return CborEncoder.encode(Cbor.array(Cbor.of("Signature1"), Cbor.of(bucket), Cbor.of(externalAad), Cbor.of(payload)));
  }

  /** The exact bytes to sign or verify, for diagnostics and test vectors. */
  public byte[] toBeSigned(byte[] externalAad) {
    return sigStructure(protectedBucket, externalAad, payload);
  }

  /** The signature algorithm, from the protected bucket first, else the unprotected one. */
  public CoseAlgorithm algorithm() {
    Cbor alg = protectedHeaders.get(LABEL_ALG).or(() -> unprotectedHeaders.get(LABEL_ALG))
        .orElseThrow(() -> new CoseException("COSE_Sign1 has no 'alg' header"));
    if (!(alg instanceof Cbor.Int id)) {
      throw new CoseException("unsupported COSE algorithm " + alg);
    }
    return CoseAlgorithm.fromId(id.value())
        .orElseThrow(() -> new CoseException("unsupported COSE algorithm " + id.value()));
  }

  /** Whether the algorithm was integrity-protected (PackPass's own profile requires it). */
  public boolean algorithmIsProtected() {
    return protectedHeaders.get(LABEL_ALG).isPresent();
  }

  /** The kid, protected bucket first. */
  public Optional<byte[]> kid() {
    return protectedHeaders.get(LABEL_KID).or(() -> unprotectedHeaders.get(LABEL_KID))
        .map(k -> {
          if (!(k instanceof Cbor.Bytes bytes)) {
            throw new CoseException("COSE 'kid' must be a byte string");
          }
          return bytes.value();
        });
  }

  /** DER certificates from x5chain (RFC 9360), leaf first; empty when absent. */
  public List<byte[]> certificateChain() {
    Optional<Cbor> chain = protectedHeaders.get(LABEL_X5CHAIN).or(() -> unprotectedHeaders.get(LABEL_X5CHAIN));
    if (chain.isEmpty()) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    if (chain.get() instanceof Cbor.Bytes single) {
      out.add(single.value());
    } else if (chain.get() instanceof Cbor.Array many && many.size() > 1) {
      for (Cbor certificate : many.items()) {
        if (!(certificate instanceof Cbor.Bytes der)) {
          throw new CoseException("COSE x5chain entries must be byte strings");
        }
        out.add(der.value());
      }
    } else {
      throw new CoseException("COSE x5chain must be a byte string or an array of two or more");
    }
    return out;
  }

  /**
   * Checks the signature with {@code key}. Returns false when the signature does not verify;
   * throws {@link CoseException} when the message cannot be checked with this key at all
   * (unsupported algorithm, algorithm that does not fit the key, detached payload).
   */
  public boolean verify(VerificationKey key, byte[] externalAad) {
    return key.verify(algorithm(), toBeSigned(externalAad), signature);
  }

  public boolean verify(VerificationKey key) {
    return verify(key, EMPTY);
  }

  public Cbor.Map protectedHeaders() {
    return protectedHeaders;
  }

  public Cbor.Map unprotectedHeaders() {
    return unprotectedHeaders;
  }

  /** The payload bytes, or empty for a detached payload. */
  public Optional<byte[]> payload() {
    return Optional.ofNullable(payload).map(byte[]::clone);
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The message exactly as parsed or produced: the bytes that are hashed into update chains. */
  public byte[] encoded() {
    return encoded.clone();
  }
}

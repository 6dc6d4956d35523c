package io.packpass.core.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * Object identifiers and name forms PackPass puts into its certificates.
 *
 * <p>PackPass has no registered enterprise number, so its arc is a UUID OID (ITU-T X.667,
 * {@code 2.25.<uuid as integer>}), which anyone may mint without registration and which cannot clash.
 */
public final class PackPassOids {
  /** {@code 2.25.198852124312911933721679479312725436544}: UUID 959986ac-a651-4d00-9301-adee37fde880. */
  public static final String ARC = "2.25.198852124312911933721679479312725436544";

  /** Extended key usage of the manufacturer's passport signer: signs birth records (seq 0). */
  public static final ASN1ObjectIdentifier KP_PASSPORT_SIGNING = new ASN1ObjectIdentifier(ARC + ".1.1");

  /** SAN URI prefix that carries the role of a person or service credential: {@code urn:packpass:role:<role>}. */
  public static final String ROLE_URI_PREFIX = "urn:packpass:role:";

  private PackPassOids() {
  }
}

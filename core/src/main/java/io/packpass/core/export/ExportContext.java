package io.packpass.core.export;

import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an export needs that the passport does not hold: facts about where and how the passport is
 * published, not about the battery. Built with {@link #builder}; every argument is checked there.
 *
 * @param resolverBase the GS1 Digital Link resolver the passport ids are published under, e.g.
 *     {@code https://id.packpass.example}; it also seeds the Catena-X UUID
 * @param exportTime when the export is made; passed in so that the same passport and context give
 *     the same bytes. Only used to tell whether the passport has expired (Catena-X
 *     {@code metadata.status}); it is never written as a date of the passport
 * @param dppStatus the registry's status of the passport record (BatteryPass-Ready {@code DPPStatus})
 * @param warrantyStart where the warranty terms count the warranty period from (BatteryPass-Ready
 *     wants the expiry date)
 * @param passportExpiry until when the registry keeps the passport available (Catena-X
 *     {@code metadata.expirationDate}; ESPR: at least the expected lifetime)
 * @param backupReference where the backup copy of the passport is kept (Catena-X
 *     {@code metadata.backupReference})
 * @param businessPartnerNumbers Catena-X business partner numbers of identifiers the passport holds:
 *     party identifiers (e.g. a GS1 GLN in {@code Party.identifier}) to a BPNL, facility identifiers
 *     ({@code Item.facilityIdentifier}) to a BPNA. An identifier that is already a BPN needs no entry.
 */
public record ExportContext(
    String resolverBase,
    Instant exportTime,
    Optional<DppStatus> dppStatus,
    Optional<WarrantyStart> warrantyStart,
    Optional<LocalDate> passportExpiry,
    Optional<String> backupReference,
    Map<String, String> businessPartnerNumbers) {

  private static final Pattern BPNL = Pattern.compile("^BPNL[a-zA-Z0-9]{12}$");
  private static final Pattern BPNA = Pattern.compile("^BPNA[a-zA-Z0-9]{12}$");
  private static final Pattern BPN = Pattern.compile("^BPN[LSA][a-zA-Z0-9]{12}$");
  /** Used only to check that the resolver base makes valid Digital Links (GS1 demo prefix 952). */
  private static final PassportId PROBE = new PassportId(Gtin.parse("09521234000013"), new Serial("0"));

  public ExportContext {
    Objects.requireNonNull(resolverBase, "resolverBase");
    Objects.requireNonNull(exportTime, "exportTime");
    Objects.requireNonNull(dppStatus, "dppStatus");
    Objects.requireNonNull(warrantyStart, "warrantyStart");
    Objects.requireNonNull(passportExpiry, "passportExpiry");
    Objects.requireNonNull(backupReference, "backupReference");
    try {
      DigitalLink.of(resolverBase, PROBE);
    } catch (IdentifierException e) {
      throw new IllegalArgumentException("resolverBase: " + e.getMessage(), e);
    }
    backupReference.ifPresent(r -> {
      if (r.isBlank()) {
        throw new IllegalArgumentException("backupReference must not be blank");
      }
    });
    for (var entry : businessPartnerNumbers.entrySet()) {
      if (entry.getKey().isBlank() || !BPN.matcher(entry.getValue()).matches()) {
        throw new IllegalArgumentException("businessPartnerNumbers: '" + entry.getKey() + "' -> '" + entry.getValue()
            + "' is not identifier -> BPNL/BPNS/BPNA (BPN + L|S|A + 12 letters or digits)");
      }
    }
    businessPartnerNumbers = Map.copyOf(businessPartnerNumbers);
  }

  public static Builder builder(String resolverBase, Instant exportTime) {
    return new Builder(resolverBase, exportTime);
  }

  /** The BPNL of a party identifier: the identifier itself if it is one, else its mapped BPNL. */
  public Optional<String> bpnl(String identifier) {
    return bpn(identifier, BPNL);
  }

  /** The BPNA of a facility identifier: the identifier itself if it is one, else its mapped BPNA. */
  public Optional<String> bpna(String identifier) {
    return bpn(identifier, BPNA);
  }

  private Optional<String> bpn(String identifier, Pattern kind) {
    if (kind.matcher(identifier).matches()) {
      return Optional.of(identifier);
    }
    return Optional.ofNullable(businessPartnerNumbers.get(identifier)).filter(b -> kind.matcher(b).matches());
  }

  /** Builder; only the resolver base and the export time are required. */
  public static final class Builder {
    private final String resolverBase;
    private final Instant exportTime;
    private DppStatus dppStatus;
    private WarrantyStart warrantyStart;
    private LocalDate passportExpiry;
    private String backupReference;
    private final Map<String, String> businessPartnerNumbers = new LinkedHashMap<>();

    private Builder(String resolverBase, Instant exportTime) {
      this.resolverBase = resolverBase;
      this.exportTime = exportTime;
    }

    public Builder dppStatus(DppStatus status) {
      this.dppStatus = Objects.requireNonNull(status, "dppStatus");
      return this;
    }

    public Builder warrantyStart(WarrantyStart start) {
      this.warrantyStart = Objects.requireNonNull(start, "warrantyStart");
      return this;
    }

    public Builder passportExpiry(LocalDate expiry) {
      this.passportExpiry = Objects.requireNonNull(expiry, "passportExpiry");
      return this;
    }

    public Builder backupReference(String reference) {
      this.backupReference = Objects.requireNonNull(reference, "backupReference");
      return this;
    }

    /** Maps an identifier the passport holds (GLN, facility id) to its Catena-X BPNL or BPNA. */
    public Builder businessPartnerNumber(String identifier, String bpn) {
      businessPartnerNumbers.put(Objects.requireNonNull(identifier, "identifier"), Objects.requireNonNull(bpn, "bpn"));
      return this;
    }

    public ExportContext build() {
      return new ExportContext(resolverBase, exportTime, Optional.ofNullable(dppStatus),
          Optional.ofNullable(warrantyStart), Optional.ofNullable(passportExpiry), Optional.ofNullable(backupReference),
          businessPartnerNumbers);
    }
  }
}

package io.packpass.core.export;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.BatteryStatus;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Chemistry;
import io.packpass.core.passport.RecycledShare;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Every unit conversion and every enum or spelling difference between the PackPass passport and
 * the export targets, in one place (passport.md §8 lists the traps).
 *
 * <p>Units: the passport holds scaled integers (mAh, Wh, mV, uOhm, cpct = 0.01 %, dC = 0.1 °C, g,
 * ccycle = 0.01 cycle, g CO2e/kWh, 0.01 C). The conversions return exact {@link BigDecimal}s
 * without trailing zeros and never a negative scale, so {@code 214000 mAh} is {@code 214} and
 * {@code 350400 mV} is {@code 350.4}: no binary floating point is involved anywhere. Targets that
 * demand integers get {@link #round}, which says whether the value changed.
 *
 * <p>Spellings: the regulation's status values ({@code re-used}, not the Battery Pass SAMM's
 * {@code Reused}), the category enums of each target, chemistry labels, passport id renderings
 * (name-based UUID for Catena-X, GS1 Digital Link URI for BatteryPass-Ready), warranty forms
 * (Catena-X: a duration; BatteryPass-Ready: an expiry date) and DPP record status.
 */
public final class Normalisation {
  /** Catena-X {@code metadata.predecessor} when there is none: the nil UUID (RFC 9562 §5.9). */
  public static final String NIL_UUID_URN = "urn:uuid:00000000-0000-0000-0000-000000000000";

  public static final String CATENAX_KILOGRAM = "unit:kilogram";
  public static final String CATENAX_MONTH = "unit:month";
  public static final String CATENAX_PPM = "unit:partPerMillion";
  public static final String CARBON_FOOTPRINT_UNIT = "kgCO2-eq/kWh";

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_INSTANT;

  private Normalisation() {
  }

  // ---------------------------------------------------------------- units, exact

  /** mAh to Ah. */
  public static BigDecimal ampereHours(long milliampereHours) {
    return scaled(milliampereHours, 3);
  }

  /** Wh to kWh. */
  public static BigDecimal kilowattHours(long wattHours) {
    return scaled(wattHours, 3);
  }

  /** mV to V. */
  public static BigDecimal volts(long millivolts) {
    return scaled(millivolts, 3);
  }

  /** uOhm (micro-ohm) to Ohm. */
  public static BigDecimal ohms(long microOhms) {
    return scaled(microOhms, 6);
  }

  /** cpct (0.01 %) to %. */
  public static BigDecimal percent(long centiPercent) {
    return scaled(centiPercent, 2);
  }

  /** cpct per month (0.01 %/month) to %/month. */
  public static BigDecimal percentPerMonth(long centiPercentPerMonth) {
    return scaled(centiPercentPerMonth, 2);
  }

  /** dC (0.1 °C) to °C. */
  public static BigDecimal celsius(long deciCelsius) {
    return scaled(deciCelsius, 1);
  }

  /** g to kg. */
  public static BigDecimal kilograms(long grams) {
    return scaled(grams, 3);
  }

  /** ccycle (0.01 full equivalent cycle) to cycles. */
  public static BigDecimal cycles(long centiCycles) {
    return scaled(centiCycles, 2);
  }

  /** A C-rate in 0.01 C to A/Ah (1 C is 1 A per Ah of rated capacity). */
  public static BigDecimal amperesPerAmpereHour(long centiC) {
    return scaled(centiC, 2);
  }

  /** g CO2e/kWh to kg CO2e/kWh. */
  public static BigDecimal kilogramsCo2ePerKwh(long gramsPerKwh) {
    return scaled(gramsPerKwh, 3);
  }

  /**
   * Total recycled share of one material as Catena-X and BatteryPass-Ready's lead field want it:
   * pre-consumer plus post-consumer share, in %.
   */
  public static BigDecimal recycledPercent(RecycledShare share) {
    return percent(share.preConsumerCpct() + share.postConsumerCpct());
  }

  private static BigDecimal scaled(long value, int scale) {
    BigDecimal exact = BigDecimal.valueOf(value, scale).stripTrailingZeros();
    return exact.scale() < 0 ? exact.setScale(0, RoundingMode.UNNECESSARY) : exact;
  }

  // ---------------------------------------------------------------- units, rounded

  /** A value rounded to a whole number for a target that only takes integers. */
  public record Rounded(long value, BigDecimal exact) {
    /** Whether rounding kept the value, i.e. nothing was lost. */
    public boolean isExact() {
      return exact.compareTo(BigDecimal.valueOf(value)) == 0;
    }
  }

  /** Rounds to a whole number with {@code mode}. */
  public static Rounded round(BigDecimal exact, RoundingMode mode) {
    return new Rounded(exact.setScale(0, mode).longValueExact(), exact);
  }

  /** Rounds half up, the usual reading of an integer field. */
  public static Rounded round(BigDecimal exact) {
    return round(exact, RoundingMode.HALF_UP);
  }

  /**
   * Completed full cycles: 1234.56 equivalent cycles are 1234 completed ones, so counts round
   * down, never up.
   */
  public static Rounded completedCycles(long centiCycles) {
    return round(cycles(centiCycles), RoundingMode.DOWN);
  }

  /** An integer with one of two units, as BatteryPass-Ready's rated capacity ({@code Ah | mAh}). */
  public record WholeWithUnit(long value, String unit) {
  }

  /** Rated capacity as BatteryPass-Ready's integer {@code Ah | mAh}: Ah when whole, mAh otherwise (exact). */
  public static WholeWithUnit ratedCapacity(long milliampereHours) {
    return milliampereHours % 1000 == 0 ? new WholeWithUnit(milliampereHours / 1000, "Ah")
        : new WholeWithUnit(milliampereHours, "mAh");
  }

  // ---------------------------------------------------------------- enums and spellings

  /** Catena-X {@code identification.category}: no stationary value, a stationary BESS is industrial (Art. 3). */
  public static String catenaXCategory(Category category) {
    return switch (category) {
      case EV -> "EV";
      case LMT -> "LMT";
      case INDUSTRIAL, STATIONARY -> "industrial";
    };
  }

  /** BatteryPass-Ready {@code BatteryCategory.batteryCategoryValue}, one fixed value per category schema. */
  public static String batteryPassReadyCategory(Category category) {
    return switch (category) {
      case EV -> "electric vehicle battery";
      case LMT -> "LMT battery";
      case INDUSTRIAL -> "industrial/non-stationary battery";
      case STATIONARY -> "industrial/stationary battery";
    };
  }

  /**
   * Catena-X {@code commercial.purpose}: the industry a battery of this category is made for, as
   * the category's definition in Art. 3 says (Catena-X asks for {@code automotive} on EV batteries).
   */
  public static String catenaXPurpose(Category category) {
    return switch (category) {
      case EV -> "automotive";
      case LMT -> "light means of transport";
      case INDUSTRIAL -> "industrial";
      case STATIONARY -> "stationary energy storage";
    };
  }

  /**
   * Battery status as the Regulation (Annex XIII 4(c)), Catena-X and BatteryPass-Ready all spell it:
   * {@code original | re-used | repurposed | remanufactured | waste}.
   */
  public static String status(BatteryStatus status) {
    return switch (status) {
      case ORIGINAL -> "original";
      case RE_USED -> "re-used";
      case REPURPOSED -> "repurposed";
      case REMANUFACTURED -> "remanufactured";
      case WASTE -> "waste";
    };
  }

  /**
   * Reads a battery status in any spelling met in the data models: the regulation's ({@code re-used}),
   * the Battery Pass SAMM's capitalised {@code Original | Repurposed | Reused | Remanufactured | Waste}
   * and upper-case enum names ({@code RE_USED}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static BatteryStatus parseStatus(String text) {
    String key = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return switch (key) {
      case "original" -> BatteryStatus.ORIGINAL;
      case "reused" -> BatteryStatus.RE_USED;
      case "repurposed" -> BatteryStatus.REPURPOSED;
      case "remanufactured" -> BatteryStatus.REMANUFACTURED;
      case "waste" -> BatteryStatus.WASTE;
      default -> throw new IllegalArgumentException("unknown battery status '" + text
          + "' (expected original, re-used, repurposed, remanufactured or waste)");
    };
  }

  /**
   * Chemistry in the BatteryPass-Ready code list spelling ({@code Li-ion NMC}); Catena-X's
   * {@code identification.chemistry} is free text and gets the same label.
   */
  public static String chemistry(Chemistry chemistry) {
    return switch (chemistry) {
      case LI_ION_LCO -> "Li-ion LCO";
      case LI_ION_LFP -> "Li-ion LFP";
      case LI_ION_LMO -> "Li-ion LMO";
      case LI_ION_NCA -> "Li-ion NCA";
      case LI_ION_NMC -> "Li-ion NMC";
      case LI_METAL -> "Li-metal";
      case NA_ION -> "Na-ion";
      case NI_CD -> "Ni-Cd";
      case NI_MH -> "Ni-MH";
      case PB -> "Pb";
    };
  }

  /** BatteryPass-Ready {@code DPPStatus.dppStatusValue}. */
  public static String dppStatus(DppStatus status) {
    return switch (status) {
      case ACTIVE -> "Active";
      case ARCHIVED -> "Archived";
      case INACTIVE -> "Inactive";
      case MARKED_FOR_DELETION -> "Marked-for-deletion";
    };
  }

  /**
   * What a label symbol id of {@code Model.labelSymbols} means, for BatteryPass-Ready's
   * {@code MeaningOfLabelsAndSymbols}; ids PackPass does not know are returned unchanged.
   */
  public static String labelMeaning(String symbolId) {
    return switch (symbolId.toLowerCase(Locale.ROOT)) {
      case "separate-collection" ->
          "separate-collection: crossed-out wheeled bin, collect separately from other waste (Art. 13(1), Annex VI Part B)";
      case "ce" -> "CE: CE marking, conforms to Regulation (EU) 2023/1542 (Art. 20)";
      case "cd" -> "Cd: contains more than 0.002 % cadmium (Art. 13(4))";
      case "pb" -> "Pb: contains more than 0.004 % lead (Art. 13(4))";
      default -> symbolId;
    };
  }

  // ---------------------------------------------------------------- identifiers

  /** Catena-X {@code metadata.passportIdentifier}: the name-based UUID (v5) of the Digital Link, as a URN. */
  public static String catenaXPassportId(PassportId id, String resolverBase) {
    return id.urn(resolverBase);
  }

  /** BatteryPass-Ready passport and battery identifiers: the GS1 Digital Link URI. */
  public static String batteryPassReadyPassportId(PassportId id, String resolverBase) {
    return id.digitalLink(resolverBase);
  }

  // ---------------------------------------------------------------- warranty, dates

  /** A Catena-X life span ({@code lifeValue}, {@code lifeUnit}). */
  public record Life(long value, String unit) {
  }

  /** Catena-X {@code characteristics.warranty}: the period in months, as the passport holds it. */
  public static Life catenaXWarranty(long warrantyMonths) {
    return new Life(warrantyMonths, CATENAX_MONTH);
  }

  /**
   * BatteryPass-Ready's {@code WarrantyPeriodOfTheBattery} is the expiry date: {@code start} plus
   * the period ({@link LocalDate#plusMonths}: 31 January plus one month is 28 or 29 February).
   */
  public static LocalDate warrantyExpiry(LocalDate start, long warrantyMonths) {
    return start.plusMonths(warrantyMonths);
  }

  /** RFC 3339 full-date, {@code 2026-05-14}. */
  public static String date(LocalDate date) {
    return date.toString();
  }

  /** The UTC calendar date of an instant. */
  public static String date(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
  }

  /** RFC 3339 date-time in UTC to the second, {@code 2026-09-01T12:00:00Z}. */
  public static String dateTime(Instant instant) {
    return DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}

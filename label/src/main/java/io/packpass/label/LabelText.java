package io.packpass.label;

import io.packpass.core.label.Hazard;
import io.packpass.core.passport.Category;
import io.packpass.core.passport.Item;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Party;
import io.packpass.core.passport.Substance;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The human-readable text of a label, Regulation (EU) 2023/1542 Annex VI Part A, numbered as there:
 * (2) category and identification (model, batch, serial in the GS1 element string), (7) chemistry,
 * (6) capacity, (5) weight, (3) place and (4) month and year of manufacture, (1) manufacturer with
 * postal address, web and e-mail, (8) hazardous substances other than Hg, Cd and Pb, (9) usable
 * extinguishing agent, (10) critical raw materials above 0.1 %. The state of health (SOH) at print
 * time follows when the pack was measured.
 */
final class LabelText {
  private static final String SEP = " \u00b7 ";

  private LabelText() {
  }

  /** The first paragraph is the title (set larger). */
  static List<String> paragraphs(LabelContent content) {
    Model model = content.passport().model();
    Item item = content.passport().item();
    List<String> out = new ArrayList<>();
    out.add(model.modelName());
    out.add(content.link().id().elementString());
    out.add(category(model.category()) + SEP + model.chemistry().label() + item.batch().map(b -> SEP + "batch " + b).orElse(""));
    out.add(ampHours(model.performance().ratedCapacityMah()) + SEP + energy(model.performance().ratedEnergyWh()) + SEP
        + mass(model.massGrams()));
    out.add(String.format(Locale.ROOT, "Made %02d/%d, %s", item.manufacturingDate().getMonthValue(),
        item.manufacturingDate().getYear(), item.manufacturingPlace()));
    out.add(party(model.manufacturer()));
    out.add("Hazardous: " + (content.hazards().contains(Hazard.OTHER_HAZARDOUS_SUBSTANCES)
        ? model.hazardousSubstances().stream().map(Substance::name).collect(Collectors.joining(", "))
        : "none declared"));
    if (!model.extinguishingAgents().isEmpty()) {
      out.add("Extinguish with: " + String.join(", ", model.extinguishingAgents()));
    }
    if (!model.criticalRawMaterials().isEmpty()) {
      out.add("Critical raw materials: " + String.join(", ", model.criticalRawMaterials()));
    }
    content.stateOfHealth().ifPresent(soh -> out.add(String.format(Locale.ROOT, "SOH %d.%d %% (%s)",
        soh.value() / 100, soh.value() % 100 / 10, soh.time().atOffset(ZoneOffset.UTC).toLocalDate())));
    return out;
  }

  static String category(Category category) {
    return switch (category) {
      case EV -> "EV battery";
      case LMT -> "LMT battery";
      case INDUSTRIAL -> "Industrial battery";
      case STATIONARY -> "Stationary storage battery";
    };
  }

  private static String party(Party p) {
    return Stream.of(Stream.of(p.name()), p.postalAddress().stream(),
            p.web().map(w -> w.replaceFirst("^https?://", "").replaceFirst("/$", "")).stream(), p.email().stream())
        .flatMap(s -> s).collect(Collectors.joining(", "));
  }

  static String ampHours(long mah) {
    return mah % 1000 == 0 ? mah / 1000 + " Ah" : String.format(Locale.ROOT, "%.1f Ah", mah / 1000.0);
  }

  static String energy(long wh) {
    if (wh < 1000) {
      return wh + " Wh";
    }
    return wh % 1000 == 0 ? wh / 1000 + " kWh" : String.format(Locale.ROOT, "%.1f kWh", wh / 1000.0);
  }

  static String mass(long grams) {
    if (grams < 1000) {
      return grams + " g";
    }
    return grams % 1000 == 0 ? grams / 1000 + " kg" : String.format(Locale.ROOT, "%.1f kg", grams / 1000.0);
  }
}

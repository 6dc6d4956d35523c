package io.packpass.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.Result;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.passport.HeavyMetals;
import io.packpass.core.passport.Model;
import io.packpass.core.passport.Passport;
import io.packpass.core.sample.SamplePassports;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelLayoutTest {
  private final Labels labels = new Labels();

  @ParameterizedTest(name = "{0} at {1} dpi")
  @CsvSource({"100x50,203", "100x50,300", "50x30,203", "50x30,300"})
  void every_mark_lies_on_the_label_and_no_text_touches_the_code_or_its_quiet_zone(String layout, int dpi) {
    Drawing d = labels.layout(TestLabels.unsigned(TestLabels.lmt()), LabelSpec.of(Layout.parse(layout), dpi),
        LabelFormat.PNG, QrMode.AUTO).drawing();
    Drawing.Qr qr = d.qr();
    int quietRight = qr.x() + (qr.symbol().size() + QrSymbol.QUIET_ZONE) * qr.moduleDots();
    assertThat(qr.x() - QrSymbol.QUIET_ZONE * qr.moduleDots()).isGreaterThanOrEqualTo(0);
    assertThat(qr.y() - QrSymbol.QUIET_ZONE * qr.moduleDots()).isGreaterThanOrEqualTo(0);
    assertThat(qr.moduleDots()).isGreaterThanOrEqualTo(LabelComposer.minModuleDots(LabelSpec.of(Layout.parse(layout), dpi)));
    for (Drawing.Text t : d.marks(Drawing.Text.class)) {
      assertThat(t.x()).as(t.text()).isGreaterThanOrEqualTo(quietRight);
      assertThat(t.x() + t.maxWidth()).as(t.text()).isLessThanOrEqualTo(d.width());
      assertThat(t.y() + t.height()).as(t.text()).isLessThanOrEqualTo(d.height());
      assertThat(t.text().length() * t.height() * LabelComposer.CHAR_WIDTH_EM).as(t.text()).isLessThanOrEqualTo(t.maxWidth());
    }
    assertThat(String.join(" ", d.marks(Drawing.Text.class).stream().map(Drawing.Text::text).toList()))
        .contains("Voltaris Bike 48/14", "(01)09521234000020(21)LMT-48-0042", "Li-ion NMC", "14 Ah", "3.4 kg",
            "Brno", "Batteriestrasse 1", "passport@voltaris.example", "Lithium", "ABC powder", "cobalt");
  }

  @Test
  void cadmium_and_lead_marks_are_printed_beneath_the_bin_only_when_the_pack_is_above_the_thresholds() {
    Passport plain = TestLabels.lmt();
    Drawing without = labels.layout(TestLabels.unsigned(plain), LabelSpec.of(Layout.L100X50, 203), LabelFormat.PNG,
        QrMode.AUTO).drawing();
    assertThat(without.marks(Drawing.Text.class)).noneMatch(t -> t.text().equals("Pb") || t.text().startsWith("Cd"));
    Model m = plain.model();
    Model leaded = new Model(m.manufacturer(), m.modelName(), m.category(), m.chemistry(), m.massGrams(), m.performance(),
        m.hazardousSubstances(), m.criticalRawMaterials(), m.recycledContent(), m.renewableContentCpct(),
        m.carbonFootprintGramsPerKwh(), m.carbonFootprintClass(), m.extinguishingAgents(), m.declarationOfConformity(),
        m.dueDiligenceReport(), m.endOfLifeInformation(), m.labelSymbols(), m.composition(), m.dismantlingInformation(),
        m.sparePartSources(), m.safetyMeasures(), m.testReports(), m.carbonFootprintStages(), m.carbonFootprintStudy(),
        m.labelsInformation(), Optional.of(new HeavyMetals(0, 30, 50)));
    Passport p = Passport.born(plain.id(), leaded, plain.item(), TestLabels.BORN, "Voltaris");
    Drawing with = labels.layout(TestLabels.unsigned(p), LabelSpec.of(Layout.L100X50, 203), LabelFormat.PNG,
        QrMode.AUTO).drawing();
    Drawing.Text mark = with.marks(Drawing.Text.class).stream().filter(t -> t.text().equals("Cd Pb")).findFirst().orElseThrow();
    Drawing.Bar bar = with.marks(Drawing.Bar.class).get(with.marks(Drawing.Bar.class).size() - 1);
    assertThat(mark.y()).as("beneath the bin's bar").isGreaterThanOrEqualTo(bar.y() + bar.height() - 1);
    assertThat(mark.height()).as("at least a quarter of the symbol").isGreaterThanOrEqualTo(bar.width() / 4);
  }

  @Test
  void a_signed_label_does_not_fit_50x30_at_203_dpi_and_the_error_names_the_limit() {
    assertThatThrownBy(() -> labels.render(TestLabels.signed(TestLabels.ev()), LabelSpec.of(Layout.L50X30, 203), LabelFormat.PNG))
        .isInstanceOf(LabelException.class)
        .hasMessageContaining("50x30 layout at 203 dpi")
        .hasMessageContaining("version 14")
        .hasMessageContaining("at most version 8 fits")
        .hasMessageContaining("a signed label needs the 100x50 layout");
  }

  @Test
  void a_link_too_long_for_any_qr_code_is_refused_with_the_limit() {
    DigitalLink link = DigitalLink.of("https://id.packpass.example/" + "x".repeat(1900), SamplePassports.lmtId());
    assertThatThrownBy(() -> labels.render(LabelContent.unsigned(link, TestLabels.lmt()), LabelSpec.of(Layout.L100X50, 300),
        LabelFormat.PNG)).isInstanceOf(LabelException.class).hasMessageContaining("at most version");
  }

  @Test
  void a_forced_native_zpl_code_that_the_printer_may_encode_too_large_is_refused_while_auto_sends_the_graphic() {
    LabelSpec spec = new LabelSpec(Layout.L100X50, 203, ErrorCorrection.H);
    LabelContent signed = TestLabels.signed(TestLabels.ev());
    assertThatThrownBy(() -> labels.render(signed, spec, LabelFormat.ZPL, QrMode.NATIVE)).isInstanceOf(LabelException.class)
        .hasMessageContaining("QR code too large");
    String auto = new String(labels.render(signed, spec, LabelFormat.ZPL, QrMode.AUTO), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(auto).contains("^GFA,").doesNotContain("^BQN");
    assertThat(TestLabels.decode(ZplGraphic.rasterize(auto)).map(Result::getText)).hasValue(signed.qrText());
  }

  @Test
  void text_that_cannot_fit_even_at_the_smallest_size_is_refused_not_cut() {
    Passport p = TestLabels.lmt();
    Model m = p.model();
    Model wordy = new Model(m.manufacturer(), m.modelName(), m.category(), m.chemistry(), m.massGrams(), m.performance(),
        m.hazardousSubstances(), java.util.Collections.nCopies(40, "natural graphite"), m.recycledContent(),
        m.renewableContentCpct(), m.carbonFootprintGramsPerKwh(), m.carbonFootprintClass(), m.extinguishingAgents(),
        m.declarationOfConformity(), m.dueDiligenceReport(), m.endOfLifeInformation(), m.labelSymbols(), m.composition(),
        m.dismantlingInformation(), m.sparePartSources(), m.safetyMeasures(), m.testReports(), m.carbonFootprintStages(),
        m.carbonFootprintStudy(), m.labelsInformation(), m.heavyMetals());
    Passport big = Passport.born(p.id(), wordy, p.item(), TestLabels.BORN, "Voltaris");
    assertThatThrownBy(() -> labels.render(TestLabels.unsigned(big), LabelSpec.of(Layout.L50X30, 300), LabelFormat.PNG))
        .isInstanceOf(LabelException.class).hasMessageContaining("does not fit the 50x30 layout at 300 dpi")
        .hasMessageContaining("smallest size (1.0 mm)");
  }

  @Test
  void after_damage_to_a_tenth_of_the_symbol_a_q_level_code_still_decodes_where_an_l_level_one_does_not() {
    LabelContent content = TestLabels.unsigned(TestLabels.ev());
    assertThat(TestLabels.decode(damaged(content, ErrorCorrection.Q)).map(Result::getText)).hasValue(content.qrText());
    assertThat(TestLabels.decode(damaged(content, ErrorCorrection.L))).as("the damage is real: L loses").isEmpty();
  }

  /** The PNG with a checkerboard smudge over 10 % of the symbol's area, off the finder patterns. */
  private BufferedImage damaged(LabelContent content, ErrorCorrection ec) {
    LabelSpec spec = new LabelSpec(Layout.L100X50, 203, ec);
    Drawing.Qr qr = labels.layout(content, spec, LabelFormat.PNG, QrMode.AUTO).drawing().qr();
    BufferedImage image = TestLabels.png(labels.render(content, spec, LabelFormat.PNG));
    int n = qr.symbol().size();
    int side = (int) Math.round(n * Math.sqrt(0.10));
    int from = (n - side) / 2;
    for (int my = from; my < from + side; my++) {
      for (int mx = from; mx < from + side; mx++) {
        int rgb = (mx + my) % 2 == 0 ? 0x000000 : 0xffffff;
        for (int y = 0; y < qr.moduleDots(); y++) {
          for (int x = 0; x < qr.moduleDots(); x++) {
            image.setRGB(qr.x() + mx * qr.moduleDots() + x, qr.y() + my * qr.moduleDots() + y, rgb);
          }
        }
      }
    }
    return image;
  }

  @Test
  void a_model_name_too_long_for_the_signed_payload_is_a_label_error_not_a_crash() {
    Passport p = TestLabels.lmt();
    Model m = p.model();
    Model longName = new Model(m.manufacturer(), "Voltaris Bike 48/14 ".repeat(4), m.category(), m.chemistry(), m.massGrams(),
        m.performance(), m.hazardousSubstances(), m.criticalRawMaterials(), m.recycledContent(), m.renewableContentCpct(),
        m.carbonFootprintGramsPerKwh(), m.carbonFootprintClass(), m.extinguishingAgents(), m.declarationOfConformity(),
        m.dueDiligenceReport(), m.endOfLifeInformation(), m.labelSymbols(), m.composition(), m.dismantlingInformation(),
        m.sparePartSources(), m.safetyMeasures(), m.testReports(), m.carbonFootprintStages(), m.carbonFootprintStudy(),
        m.labelsInformation(), m.heavyMetals());
    Passport named = Passport.born(p.id(), longName, p.item(), TestLabels.BORN, "Voltaris");
    assertThatThrownBy(() -> LabelContent.signed(TestLabels.link(named), named, TestLabels.SIGNER, Optional.empty(),
        TestLabels.PRINTED)).isInstanceOf(LabelException.class).hasMessageContaining("model name has 80 characters")
        .hasMessageContaining("without a signature");
  }
}

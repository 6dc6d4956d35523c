package io.packpass.provisioning.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Category;
import io.packpass.core.update.ChainVerifier;
import io.packpass.core.update.KeyDirectory;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateChain;
import io.packpass.core.update.Verdict;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchTest {
  static final Path EXAMPLES = Path.of("../docs/examples");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ev-nmc811-75kwh", "lmt-ebike-36v", "stationary-lfp-10kwh"})
  void example_models_and_items_read_and_become_verifiable_birth_records(String example) throws IOException {
    ModelFile model = ModelFile.read(EXAMPLES.resolve(example + ".yaml"));
    ItemsFile.Result items = ItemsFile.read(EXAMPLES.resolve(example + ".items.csv"), model.defaults(), TODAY);
    assertThat(items.rejects()).isEmpty();
    SoftwareSigner signer = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());

    BirthRecordBatch.Written written = BirthRecordBatch.write(model, items, signer, "https://id.voltaris.example",
        CLOCK, dir.resolve("out"), (done, total) -> { });

    assertThat(written.records()).isEqualTo(items.rows().size());
    List<String> index = Files.readAllLines(dir.resolve("out/index.csv"));
    assertThat(index).hasSize(items.rows().size() + 1);
    assertThat(index.get(1)).contains("https://id.voltaris.example/01/");
    ChainVerifier verifier = new ChainVerifier(new KeyDirectory().manufacturer(signer.verificationKey()), CLOCK);
    try (Stream<Path> births = Files.list(dir.resolve("out/births"))) {
      for (Path birth : births.toList()) {
        Verdict verdict = new UpdateChain(verifier).offer(SignedUpdate.parse(Files.readAllBytes(birth)));
        assertThat(verdict.outcome()).as(birth.toString()).isEqualTo(Verdict.Outcome.ACCEPTED);
        assertThat(verdict.passport().orElseThrow().model().modelName()).isEqualTo(model.model().modelName());
      }
    }
  }

  @Test
  void converts_human_units_exactly() {
    ModelFile ev = ModelFile.read(EXAMPLES.resolve("ev-nmc811-75kwh.yaml"));
    assertThat(ev.model().category()).isEqualTo(Category.EV);
    assertThat(ev.model().performance().nominalVoltageMv()).isEqualTo(350_400);
    assertThat(ev.model().performance().ratedCapacityMah()).isEqualTo(214_000);
    assertThat(ev.model().performance().initialCellResistanceMicroOhm()).hasValue(1_500L);
    assertThat(ev.model().performance().cycleLifeTestCRateCenti()).hasValue(33L);
    assertThat(ev.model().massGrams()).isEqualTo(450_000);
  }

  @Test
  void names_the_key_of_a_bad_model_value() throws IOException {
    String ev = Files.readString(EXAMPLES.resolve("ev-nmc811-75kwh.yaml"));
    assertThatThrownBy(() -> ModelFile.read(write("m.yaml", ev.replace("nominalVoltageV: 350.4", "nominalVoltageV: 350.4001"))))
        .isInstanceOf(ProvisioningException.class)
        .hasMessage("m.yaml: performance.nominalVoltageV: 350.4001 has more than 3 decimal place(s)");
    assertThatThrownBy(() -> ModelFile.read(write("m.yaml", ev.replace("massKg: 450", "masKg: 450"))))
        .hasMessageContaining("unknown key(s) masKg");
    assertThatThrownBy(() -> ModelFile.read(write("m.yaml", ev.replace("category: ev", "category: car"))))
        .hasMessageContaining("category: 'car' is not one of ev, lmt, industrial, stationary");
    assertThatThrownBy(() -> ModelFile.read(write("m.yaml", "model: [unclosed")))
        .hasMessageStartingWith("m.yaml: not valid YAML");
  }

  @Test
  void refuses_a_model_without_what_the_regulation_requires_for_its_category() throws IOException {
    String ev = Files.readString(EXAMPLES.resolve("ev-nmc811-75kwh.yaml"));
    String stripped = ev.replace("  capacityThresholdForExhaustionPercent: 70\n", "")
        .replace("extinguishingAgents: [ABC powder, water (large amounts)]\n", "");
    assertThatThrownBy(() -> ModelFile.read(write("m.yaml", stripped)))
        .hasMessageContaining("missing what Regulation (EU) 2023/1542 requires for a EV battery")
        .hasMessageContaining("extinguishingAgents")
        .hasMessageContaining("performance.capacityThresholdForExhaustionPercent");
    // The same threshold is not required for a stationary battery.
    assertThat(ModelFile.read(EXAMPLES.resolve("stationary-lfp-10kwh.yaml")).model().performance()
        .capacityThresholdForExhaustionCpct()).isEmpty();
  }

  @Test
  void reports_every_bad_row_with_its_line_number() throws IOException {
    ModelFile model = ModelFile.read(EXAMPLES.resolve("ev-nmc811-75kwh.yaml"));
    Path csv = write("items.csv", String.join("\n",
        "gtin,serial,manufacturing_date,cell_count",
        "09521234000013,OK-1,2026-03-02,",
        "09521234000014,BAD-GTIN,2026-03-02,",
        "09521234000013,OK-1,2026-03-03,",
        "09521234000013,HAS SPACE,2026-03-02,",
        "09521234000013,FUTURE,2027-01-01,",
        "09521234000013,NODATE,,",
        "09521234000013,CELLS,2026-03-02,-4",
        "09521234000013,OK-2,2026-03-02,192", ""));
    ItemsFile.Result result = ItemsFile.read(csv, model.defaults(), TODAY);
    assertThat(result.rows()).extracting(r -> r.id().serial().value()).containsExactly("OK-1", "OK-2");
    List<String> rejects = new ArrayList<>();
    result.rejects().forEach(r -> rejects.add(r.line() + " " + r.reason()));
    assertThat(rejects).hasSize(6);
    assertThat(rejects.get(0)).startsWith("3 ").contains("check digit");
    assertThat(rejects.get(1)).startsWith("4 ").contains("duplicate of line 2");
    assertThat(rejects.get(2)).startsWith("5 ").contains("character");
    assertThat(rejects.get(3)).startsWith("6 ").contains("in the future");
    assertThat(rejects.get(4)).startsWith("7 ").contains("manufacturing_date is required");
    assertThat(rejects.get(5)).startsWith("8 ").contains("cell_count '-4'");
  }

  @Test
  void rejects_a_file_with_missing_or_unknown_columns_or_bytes_that_are_not_utf8() throws IOException {
    ModelFile model = ModelFile.read(EXAMPLES.resolve("ev-nmc811-75kwh.yaml"));
    assertThatThrownBy(() -> ItemsFile.read(write("a.csv", "gtin,serial\n09521234000013,A\n"), model.defaults(), TODAY))
        .hasMessageContaining("header line 1: missing column(s) manufacturing_date");
    assertThatThrownBy(() -> ItemsFile.read(write("b.csv", "gtin,serial,manufacturing_date,colour\n"), model.defaults(),
        TODAY)).hasMessageContaining("unknown column(s) colour");
    Path latin1 = dir.resolve("c.csv");
    Files.write(latin1, "gtin,serial,manufacturing_date,manufacturing_place\n09521234000013,A,2026-03-02,K\u00f6ln\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ItemsFile.read(latin1, model.defaults(), TODAY))
        .hasMessage("c.csv: line 2: not valid UTF-8 (save the file as UTF-8)");
  }

  @Test
  void refuses_an_existing_output_directory_and_leaves_nothing_behind_on_failure() throws IOException {
    ModelFile model = ModelFile.read(EXAMPLES.resolve("ev-nmc811-75kwh.yaml"));
    ItemsFile.Result items = ItemsFile.read(EXAMPLES.resolve("ev-nmc811-75kwh.items.csv"), model.defaults(), TODAY);
    SoftwareSigner signer = SoftwareSigner.generate(CoseAlgorithm.EDDSA, new SecureRandom());
    Files.createDirectories(dir.resolve("taken"));
    assertThatThrownBy(() -> BirthRecordBatch.write(model, items, signer, "https://id.example", CLOCK, dir.resolve("taken"),
        (d, t) -> { })).hasMessageContaining("already exists");

    assertThatThrownBy(() -> BirthRecordBatch.write(model, items, signer, "https://id.example", CLOCK, dir.resolve("out"),
        (done, total) -> {
          if (done == 2) {
            throw new IllegalStateException("power cut");
          }
        })).hasMessage("power cut");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("taken");
    }
  }

  @Test
  void file_names_are_safe_for_any_serial() {
    var id = new io.packpass.core.id.PassportId(io.packpass.core.id.Gtin.parse("09521234000013"),
        new io.packpass.core.id.Serial("A/B*C?\"D<E>:F"));
    assertThat(BirthRecordBatch.fileName(id)).isEqualTo("09521234000013_A%2FB%2AC%3F%22D%3CE%3E%3AF.cose");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}

package io.packpass.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/wire-format.md shows the golden vectors as annotated hex and diagnostic notation. Each such
 * block is marked {@code <!-- golden: NAME -->} (hex: the bytes before {@code #} on every line) or
 * {@code <!-- golden-diag: NAME -->}; every one must equal its file in src/test/resources/golden, so
 * the page cannot drift from the vectors (and GoldenVectorsTest keeps the vectors to the code). A
 * block with hex in it but no marker fails too, so nothing on the page escapes the comparison.
 */
class WireFormatDocTest {
  private static final Path DOC = Path.of("../docs/wire-format.md");
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  /** A fenced block, with the marker comment right before it when there is one. */
  private static final Pattern FENCE = Pattern.compile(
      "(?:<!-- (golden|golden-diag): (\\w+) -->\\s*)?^```[^\\n]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  /** Sixteen hex digits in a row: a byte string, a hash, a signature. */
  private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{16,}");

  private record Block(Optional<String> kind, String name, String text) {
    boolean is(String k) {
      return kind.equals(Optional.of(k));
    }
  }

  private static List<Block> blocks() throws IOException {
    Matcher m = FENCE.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    List<Block> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Block(Optional.ofNullable(m.group(1)), String.valueOf(m.group(2)), m.group(3)));
    }
    return out;
  }

  /** The bytes a marked hex block shows: everything before {@code #} on each line. */
  private static byte[] shownBytes(Block block) {
    StringBuilder hex = new StringBuilder();
    for (String line : block.text().split("\n")) {
      int comment = line.indexOf('#');
      hex.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s", ""));
    }
    return HexFormat.of().parseHex(hex);
  }

  private static Block hexBlock(String name) throws IOException {
    return blocks().stream().filter(b -> b.is("golden") && b.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void every_hex_example_in_the_wire_format_doc_decodes_and_is_its_golden_vector() throws IOException {
    List<Block> hex = blocks().stream().filter(b -> b.is("golden")).toList();
    assertThat(hex).extracting(Block::name).as("the doc walks through these vectors")
        .contains("update", "decision", "label");
    for (Block block : hex) {
      byte[] shown = shownBytes(block);
      byte[] golden = HexFormat.of().parseHex(
          Files.readString(GOLDEN.resolve(block.name() + ".hex"), StandardCharsets.US_ASCII).replaceAll("\\s", ""));
      assertThat(HexFormat.of().formatHex(shown)).as("hex of %s in docs/wire-format.md", block.name())
          .isEqualTo(HexFormat.of().formatHex(golden));
      CborDecoder.decode(shown);
    }
  }

  @Test
  void every_diagnostic_example_in_the_wire_format_doc_is_its_golden_diagnostic() throws IOException {
    List<Block> diag = blocks().stream().filter(b -> b.is("golden-diag")).toList();
    assertThat(diag).extracting(Block::name).as("the doc shows these in diagnostic notation")
        .contains("update", "decision", "label");
    for (Block block : diag) {
      assertThat(block.text().strip()).as("diagnostic notation of %s in docs/wire-format.md", block.name())
          .isEqualTo(Files.readString(GOLDEN.resolve(block.name() + ".diag"), StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void no_block_in_the_wire_format_doc_shows_bytes_without_naming_the_vector_they_are_checked_against()
      throws IOException {
    List<String> unmarked = blocks().stream().filter(b -> b.kind().isEmpty())
        .filter(b -> HEX_RUN.matcher(b.text()).find()).map(Block::text).toList();
    assertThat(unmarked).as("blocks with hex but no <!-- golden: NAME --> or <!-- golden-diag: NAME --> marker")
        .isEmpty();
  }

  @Test
  void the_worked_example_decodes_to_what_the_doc_says_it_is() throws IOException {
    SignedUpdate update = SignedUpdate.parse(shownBytes(hexBlock("update")));
    assertThat(update.encoded()).hasSize(610);
    assertThat(update.payload().seq()).isEqualTo(42);
    assertThat(update.payload().kind()).isEqualTo(UpdateKind.READING);
    assertThat(update.payload().passportId().elementString()).isEqualTo("(01)09521234000013(21)EV75-000123");
    assertThat(update.payload().time().getEpochSecond()).isEqualTo(1_795_176_000L);
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as("the size the doc gives the worked example")
        .contains("key by kid only: 610 bytes.");
  }
}

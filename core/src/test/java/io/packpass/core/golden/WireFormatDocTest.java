package io.packpass.core.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/wire-format.md shows the golden vectors as they are: a hex block there that drifts fails here. */
class WireFormatDocTest {
  private static final Pattern BLOCK = Pattern.compile("```hex (golden/[a-z]+\\.hex)\\n(.*?)```", Pattern.DOTALL);

  private static Map<String, String> hexBlocks() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "wire-format.md"), StandardCharsets.UTF_8);
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      blocks.put(m.group(1), m.group(2).replaceAll("\\s", ""));
    }
    return blocks;
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = WireFormatDocTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
    }
  }

  @Test
  void every_hex_example_in_the_wire_format_doc_is_its_golden_vector_byte_for_byte() throws IOException {
    Map<String, String> blocks = hexBlocks();
    assertThat(blocks).as("hex blocks in docs/wire-format.md").containsKey("golden/update.hex");
    for (Map.Entry<String, String> b : blocks.entrySet()) {
      assertThat(b.getValue()).as(b.getKey()).isEqualTo(golden(b.getKey()));
    }
  }

  @Test
  void the_worked_example_decodes_to_what_the_doc_says_it_is() throws IOException {
    SignedUpdate update = SignedUpdate.parse(HexFormat.of().parseHex(hexBlocks().get("golden/update.hex")));
    assertThat(update.encoded()).hasSize(610);
    assertThat(update.payload().seq()).isEqualTo(42);
    assertThat(update.payload().kind()).isEqualTo(UpdateKind.READING);
    assertThat(update.payload().passportId().elementString()).isEqualTo("(01)09521234000013(21)EV75-000123");
    assertThat(update.payload().time().getEpochSecond()).isEqualTo(1_795_176_000L);
  }
}

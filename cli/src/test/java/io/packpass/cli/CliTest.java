package io.packpass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path dir;

  @Test
  void verify_accepts_a_signed_chain_and_rejects_a_tampered_file() throws IOException {
    Path out = dir.resolve("signed");
    SignedFiles.write(out, 3);
    List<String> args = new ArrayList<>(List.of("verify", "--manufacturer-key", out.resolve("manufacturer.pub.pem").toString(),
        "--device-key", out.resolve("device.pub.pem").toString(), "--role", "grader"));
    try (Stream<Path> files = Files.list(out)) {
      files.filter(f -> f.toString().endsWith(".cose")).sorted().forEach(f -> args.add(f.toString()));
    }
    CliRun good = CliRun.of(args.toArray(String[]::new));
    assertThat(good.exit()).as(good.out() + good.err()).isZero();
    assertThat(good.out()).contains("0 rejected").contains("state of health:");

    Path third = out.resolve("update-002.cose");
    byte[] bytes = Files.readAllBytes(third);
    bytes[bytes.length - 10] ^= 0x40;
    Files.write(third, bytes);
    CliRun bad = CliRun.of(args.toArray(String[]::new));
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).contains("BAD_SIGNATURE").contains("GAP");
  }

  @Test
  void verify_reports_unreadable_input_in_one_line_with_exit_code_2() throws IOException {
    Path key = dir.resolve("k.pem");
    Files.writeString(key, "not a key");
    Path junk = dir.resolve("junk.cose");
    Files.write(junk, new byte[] {(byte) 0xd2, (byte) 0x84, 0x40});
    CliRun noKey = CliRun.of("verify", "--manufacturer-key", key.toString(), junk.toString());
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err().strip()).startsWith("packpass: ").doesNotContain("\n").contains("not a valid signed update");
    CliRun missing = CliRun.of("verify", "--manufacturer-key", key.toString(), dir.resolve("nope.cose").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read");
  }

  @Test
  void help_lists_the_commands_and_exit_codes() {
    CliRun help = CliRun.of("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("demo").contains("verify").contains("Exit codes");
  }

  @Test
  void demo_refuses_a_directory_it_did_not_make_and_says_which_option_to_use() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    CliRun run = CliRun.of("demo", "--dir", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip()).contains("not empty and not a previous demo's directory", "--dir")
        .doesNotContain("\n");
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
    assertThat(CliRun.of("demo", "--months", "0").err()).contains("--months must be between 1 and 24");
  }
}

package io.packpass.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.gateway.store.jdbc.JdbcGatewayStore;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.gateway.testing.Site;
import io.packpass.gateway.testing.TestPack;
import io.packpass.gateway.testing.TestPki;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.UpdateCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayCommandTest {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    CommandLine cli = GatewayCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void fleet_lists_the_packs_the_gateway_holds_as_a_table_and_as_json() {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    Path store = dir.resolve("db");
    TestPack pack = pki.pack();
    try (JdbcGatewayStore s = JdbcGatewayStore.open(StoreSettings.h2(store), Clock.systemUTC())) {
      new Ingest(s, new UpdateCertificates(pki.trust(), Clock.systemUTC()), Clock.systemUTC(), true)
          .ingest(pack.upTo(3).stream().map(u -> new Incoming(u.encoded(), "agent")).toList());
    }
    Path config = site.gatewayConfig("gateway.yaml", store, 8443, 10);

    Run table = run("fleet", "--config", config.toString());
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("PASSPORT").contains(pack.id.elementString()).contains("97.97 %")
        .contains("4 pending");
    Run json = run("fleet", "--config", config.toString(), "--json");
    assertThat(json.out()).contains("\"passport\" : \"" + pack.id.elementString() + "\"").contains("\"sohCpct\" : 9797");

    Run outbox = run("outbox", "--config", config.toString());
    assertThat(outbox.out()).startsWith("outbox: 4 pending");
    Run quarantine = run("quarantine", "--config", config.toString());
    assertThat(quarantine.out()).isEqualTo("quarantine: empty\n");
    Run agents = run("agents", "--config", config.toString());
    assertThat(agents.out()).isEqualTo("no agents configured (gateway.yaml: agents)\n");
  }

  @Test
  void a_bad_configuration_is_one_line_naming_the_key_and_exit_code_2() throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"), "trust:\n  anchors: r.pem\nstorage:\n  dir: x\n");
    Run r = run("fleet", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("packpass gateway: gateway.yaml: storage: unknown key").hasLineCount(1);

    Run missing = run("run", "--config", dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: no such file");
  }

  @Test
  void a_status_command_on_an_h2_store_another_process_holds_says_so_in_one_line() throws Exception {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Path store = dir.resolve("db");
    JdbcGatewayStore.open(StoreSettings.h2(store), Clock.systemUTC()).close();
    Path config = new Site(dir.resolve("site"), pki).gatewayConfig("gateway.yaml", store, 8443, 10);
    // another JVM holding the file as 'gateway run' would: H2's own shell, connected until its stdin closes
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "org.h2.tools.Shell", "-url", StoreSettings.h2(store).url())
        .redirectErrorStream(true).start();
    try {
      StringBuilder seen = new StringBuilder();
      for (int c; !seen.toString().contains("sql>") && (c = holder.getInputStream().read()) >= 0; ) {
        seen.append((char) c);
      }
      assertThat(seen.toString()).as("the holder connected").contains("sql>");

      for (String command : List.of("fleet", "outbox", "quarantine")) {
        Run r = run(command, "--config", config.toString());
        assertThat(r.code()).as(command).isEqualTo(2);
        assertThat(r.err()).as(command).hasLineCount(1).contains("gateway.mv.db is in use by another process")
            .contains("PostgreSQL");
      }
    } finally {
      holder.destroyForcibly().waitFor();
    }
    Run after = run("outbox", "--config", config.toString());
    assertThat(after.code()).as(after.err()).isZero();
  }

  @Test
  void run_without_an_upstream_says_what_is_missing() throws Exception {
    Path config = Files.writeString(dir.resolve("gateway.yaml"), "trust:\n  anchors: r.pem\n");
    Run r = run("run", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("upstream: required for 'gateway run'");
  }

  @Test
  void help_shows_the_commands_and_examples() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("run").contains("registry").contains("fleet").contains("Examples:");
  }
}

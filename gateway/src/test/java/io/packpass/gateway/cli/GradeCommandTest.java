package io.packpass.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packpass.agent.coap.AgentCoapServer;
import io.packpass.agent.coap.CoapSettings;
import io.packpass.agent.coap.DtlsCredentials;
import io.packpass.agent.coap.InMemoryPassportSource;
import io.packpass.core.passport.Role;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.GatewayCommand;
import io.packpass.gateway.testing.RegistryFixture;
import io.packpass.gateway.testing.TestPack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gateway grade} against the agent's real CoAP service over DTLS and a running registry: the
 * fresh reading is verified, graded, the signed decision lands in the registry's log and on the page.
 */
class GradeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  private static String[] gradeArgs(RegistryFixture registry, String agent, Role role, String... more) {
    List<String> args = new ArrayList<>(List.of("grade", agent,
        "--credential", registry.credentialFile(role).toString(),
        "--passphrase-file", registry.site.dir.resolve("tls.pass").toString(),
        "--trust", registry.site.dir.resolve("root.pem").toString(),
        "--crl", registry.site.dir.resolve("crl.pem").toString(),
        "--registry", registry.base(),
        "--registry-trust", registry.site.dir.resolve("registry-ca.pem").toString()));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /** The agent's real CoAP service (DTLS with the pack's device key) over {@code source}. */
  private static AgentCoapServer agent(RegistryFixture registry, TestPack pack, InMemoryPassportSource source) {
    AgentCoapServer agent = new AgentCoapServer(source, CoapSettings.loopbackEphemeral(), Optional.of(
        DtlsCredentials.of(pack.device, TrustStore.fromDer(pack.device.certificateChain()), registry.pki.trust(),
            Clock.systemUTC())));
    agent.start();
    return agent;
  }

  @Test
  void a_grader_grades_a_pack_from_a_fresh_reading_and_the_decision_appears_on_its_page() throws Exception {
    try (RegistryFixture registry = RegistryFixture.start(dir, Optional.empty(), "")) {
      TestPack pack = registry.pki.pack();
      List<SignedUpdate> chain = pack.upTo(5);
      registry.sync(chain);
      InMemoryPassportSource source = new InMemoryPassportSource(pack.birth(), pack.device, Clock.systemUTC(),
          t -> SamplePassports.evReading(t, 9_400, 123));
      chain.subList(1, chain.size()).forEach(source::append);
      AgentCoapServer agent = agent(registry, pack, source);
      try {
        InetSocketAddress a = agent.secureAddress().orElseThrow();
        String address = "coaps://" + a.getAddress().getHostAddress() + ":" + a.getPort();

        Run dry = run(gradeArgs(registry, address, Role.GRADER, "--min-cell-mv", "3650", "--dry-run"));
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("fresh reading seq 6", "FIRED  soh-band", "route reuse, grade A",
            "packpass-grading/2026.1", "dry run");
        // the dry run's fresh reading (seq 6) reaches the registry as the site gateway would deliver it
        registry.sync(source.since(5, 10).stream().map(SignedUpdate::parse).toList());
        Thread.sleep(2_100); // the agent serves one fresh reading per 2 s

        Run graded = run(gradeArgs(registry, address, Role.GRADER, "--min-cell-mv", "3650", "--cell-spread-mv", "80"));
        assertThat(graded.code()).as(graded.err()).isZero();
        assertThat(graded.out()).contains("FIRED  cell-imbalance", "route remanufacture", "decision recorded: log seq 0");

        String item = RegistryFixture.path(pack.id);
        JsonNode view = JSON.readTree(registry.get("/api/v1/passports" + item, Optional.of(Role.GRADER)).body());
        JsonNode decision = view.get("decisions").get(0);
        assertThat(decision.get("route").asText()).isEqualTo("REMANUFACTURE");
        assertThat(decision.get("grader").asText()).isEqualTo(registry.subject(Role.GRADER));
        assertThat(view.get("lastUpdate").asText()).as("the fresh reading joined the device chain")
            .isEqualTo(source.passport().lastUpdate().orElseThrow().toString());
        String page = new String(registry.get(item, Optional.of(Role.GRADER), "Accept", "text/html").body(),
            StandardCharsets.UTF_8);
        assertThat(page).contains("Route: <strong>remanufacture</strong>", "cell-imbalance", "spread at rest 80 mV");
        String anonymous = new String(registry.get(item, Optional.empty(), "Accept", "text/html").body(),
            StandardCharsets.UTF_8);
        assertThat(anonymous).doesNotContain("remanufacture");

        Run notGrader = run(gradeArgs(registry, address, Role.RECYCLER));
        assertThat(notGrader.code()).isEqualTo(2);
        assertThat(notGrader.err()).contains("not a grader credential");
      } finally {
        agent.close();
      }
    }
  }

  @Test
  void a_pack_whose_chain_went_back_behind_the_registry_is_not_graded() throws Exception {
    try (RegistryFixture registry = RegistryFixture.start(dir, Optional.empty(), "")) {
      TestPack pack = registry.pki.pack();
      registry.sync(pack.upTo(8));
      // the agent lost its journal after seq 3: its fresh reading would take seq 4, which the registry holds
      InMemoryPassportSource source = new InMemoryPassportSource(pack.birth(), pack.device, Clock.systemUTC(),
          t -> SamplePassports.evReading(t, 9_400, 123));
      pack.upTo(3).subList(1, 4).forEach(source::append);
      AgentCoapServer agent = agent(registry, pack, source);
      try {
        InetSocketAddress a = agent.secureAddress().orElseThrow();
        Run r = run(gradeArgs(registry, "coaps://" + a.getAddress().getHostAddress() + ":" + a.getPort(), Role.GRADER));
        assertThat(r.code()).isEqualTo(GradeCommand.REFUSED);
        assertThat(r.err()).contains("holds another update at seq 4", "forked or went back");
        assertThat(registry.get("/api/v1/passports" + RegistryFixture.path(pack.id) + "/decisions",
            Optional.of(Role.GRADER)).body()).asString(StandardCharsets.UTF_8).contains("\"result\":[]");
      } finally {
        agent.close();
      }
    }
  }
}

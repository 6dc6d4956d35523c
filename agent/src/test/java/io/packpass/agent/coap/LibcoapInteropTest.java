package io.packpass.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.packpass.core.cbor.Cbor;
import io.packpass.core.cbor.CborDecoder;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's CoAP service read by a client we did not write: libcoap's {@code coap-client-notls}
 * and {@code coap-client-openssl} (Debian {@code libcoap3-bin}). Their exit status is 0 even on
 * errors, so every check looks at the output file and the printed response code.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibcoapInteropTest {
  static final int READINGS = 40;

  Path dir;
  CoapTestPki pki;
  InMemoryPassportSource source;
  AgentCoapServer server;

  record Run(String output, Optional<byte[]> body) {
  }

  @BeforeAll
  void start(@TempDir Path tempDir) {
    dir = tempDir;
    pki = new CoapTestPki(dir);
    source = pki.source(READINGS);
    server = new AgentCoapServer(source, CoapSettings.loopbackEphemeral(), Optional.of(pki.serverCredentials()));
    server.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void coap_client_notls_gets_the_public_passport() throws Exception {
    Run run = coapClient("coap-client-notls", List.of("-m", "get", "-A", "60"), "coap", plain(), "/passport");
    assertThat(run.body()).as("output file; client said: %s", run.output()).isPresent();
    assertThat(Passport.decode(run.body().get())).isEqualTo(PassportView.forRole(source.passport(), Role.ANONYMOUS));
  }

  @Test
  void coap_client_notls_is_refused_the_update_log_with_4_01() throws Exception {
    Run run = coapClient("coap-client-notls", List.of("-m", "get", "-A", "60"), "coap", plain(), "/updates?since=-1");
    assertThat(run.output()).contains("4.01");
    assertThat(run.body().map(b -> new String(b, StandardCharsets.UTF_8)).orElse(run.output())).contains("coaps://");
  }

  @Test
  void coap_client_openssl_with_a_role_certificate_fetches_the_update_log_block_wise() throws Exception {
    List<String> pki = credentials(this.pki.fleet);
    List<String> args = new ArrayList<>(List.of("-m", "get", "-A", "60", "-b", "256"));
    args.addAll(pki);
    Run run = coapClient("coap-client-openssl", args, "coaps", secure(), "/updates?since=-1");
    assertThat(run.body()).as("output file; client said: %s", run.output()).isPresent();
    Cbor.Array page = (Cbor.Array) CborDecoder.decode(run.body().get());
    assertThat(page.size()).isEqualTo(CoapSettings.DEFAULT_PAGE_SIZE);
    byte[] prev = null;
    for (int i = 0; i < page.size(); i++) {
      SignedUpdate u = SignedUpdate.parse(((Cbor.Bytes) page.get(i)).value());
      assertThat(u.payload().seq()).isEqualTo(i);
      assertThat(u.cose().verify(i == 0 ? this.pki.manufacturerKey() : this.pki.deviceKey.verificationKey())).isTrue();
      if (prev != null) {
        assertThat(u.payload().prev()).isEqualTo(prev);
      }
      prev = u.hash();
    }
  }

  @Test
  void what_libcoap_fetched_over_dtls_verifies_with_an_independent_node_cose_verifier() throws Exception {
    Path verifier = Path.of("../core/src/test/node/verify-cose.mjs");
    assertThat(Path.of("../core/src/test/node/node_modules/cbor")).as("run .ci/run first: it installs the Node"
        + " verifier").exists();
    List<String> args = new ArrayList<>(List.of("-m", "get", "-A", "18"));
    args.addAll(credentials(this.pki.grader));
    Run run = coapClient("coap-client-openssl", args, "coaps", secure(), "/passport/signed");
    assertThat(run.body()).as("output file; client said: %s", run.output()).isPresent();
    byte[] fetched = run.body().get();
    Path file = Files.write(dir.resolve("signed.cose"), fetched);
    String spki = java.util.HexFormat.of().formatHex(this.pki.deviceKey.verificationKey().subjectPublicKeyInfo());

    Process node = new ProcessBuilder("node", verifier.toString(), spki, file.toString()).redirectErrorStream(true)
        .start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(out).isZero();
    assertThat(out).contains("\"verified\":true", "\"seq\":" + source.headSeq());

    fetched[fetched.length - 5] ^= 0x01; // one flipped bit in the signature
    Files.write(file, fetched);
    Process bad = new ProcessBuilder("node", verifier.toString(), spki, file.toString()).redirectErrorStream(true)
        .start();
    bad.getInputStream().readAllBytes();
    assertThat(bad.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(1);
  }

  private List<String> credentials(RoleCredential credential) throws IOException {
    Path cert = Files.writeString(dir.resolve("client.pem"), CertificateText.pem(credential.chain()));
    Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(credential.privateKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    Path ca = Files.writeString(dir.resolve("root.pem"), CertificateText.pem(List.of(pki.root())));
    return List.of("-c", cert.toString(), "-j", key.toString(), "-C", ca.toString());
  }

  private InetSocketAddress plain() {
    return server.plainAddress().orElseThrow();
  }

  private InetSocketAddress secure() {
    return server.secureAddress().orElseThrow();
  }

  private Run coapClient(String binary, List<String> args, String scheme, InetSocketAddress to, String path)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out-" + System.nanoTime());
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(args);
    command.addAll(List.of("-B", "10", "-o", out.toString(),
        scheme + "://" + to.getAddress().getHostAddress() + ":" + to.getPort() + path));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", binary).isTrue();
    Optional<byte[]> body = Files.exists(out) && Files.size(out) > 0 ? Optional.of(Files.readAllBytes(out))
        : Optional.empty();
    return new Run(output, body);
  }
}

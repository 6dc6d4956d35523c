package io.packpass.agent.run;

import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.agent.profile.ProfileLoader;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.PassportId;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.update.SignedUpdate;
import io.packpass.provisioning.ca.CaStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What a manufacturer hands an agent, made by the real CA through {@link DemoBundle} as of December
 * 2025 (the tests run in the months after): device key, certificate, root, CRL, birth record and an
 * agent.yaml, plus handles on them for the assertions.
 */
final class TestBundle {
  static final Instant MADE = Instant.parse("2025-12-02T00:00:00Z");

  final Path dir;
  final CaStore ca;
  final PassportId passport;
  final X509Certificate device;
  final SoftwareSigner deviceKey;
  final SignedUpdate birth;

  TestBundle(Path dir, String profile) throws IOException {
    this.dir = dir;
    Clock then = Clock.fixed(MADE, ZoneOffset.UTC);
    DemoBundle.prepare(new ProfileLoader().load(profile), dir, then);
    ca = CaStore.open(dir.resolve("ca"), Files.readString(dir.resolve("ca.pass")).toCharArray(), then);
    device = TrustStore.certificates(dir.resolve("device.pem")).get(0);
    deviceKey = PrivateKeyFile.load(dir.resolve("device.key"));
    birth = SignedUpdate.parse(Files.readAllBytes(dir.resolve("birth.cose")));
    passport = birth.payload().passportId();
    // tests append fast and often: no fsync; free ports on loopback
    Files.writeString(config(), Files.readString(config()).replaceAll("(?s)coap:.*", "")
        + "coap:\n  bind: 127.0.0.1\n  port: 0\n  dtlsPort: 0\njournal:\n  fsync: false\n");
  }

  Path config() {
    return dir.resolve("agent.yaml");
  }
}

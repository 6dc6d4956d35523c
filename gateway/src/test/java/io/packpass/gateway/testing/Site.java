package io.packpass.gateway.testing;

import io.packpass.core.passport.Role;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.provisioning.ca.CertificateText;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;

/**
 * The files an operator sets up for a gateway and a registry, made from a {@link TestPki}: root and
 * CRL, the gateway's fleet credential, the registry's TLS credential and its CA, passphrase files,
 * and a gateway.yaml / registry.yaml naming them.
 */
public final class Site {
  public final Path dir;
  public final TestTls tls;
  /** The gateway's fleet role credential (fleet.p12). */
  public final RoleCredential fleet;
  private final TestPki pki;

  public Site(Path dir, TestPki pki) {
    this.dir = dir;
    this.pki = pki;
    try {
      Files.createDirectories(dir);
      tls = new TestTls(dir);
      Files.writeString(dir.resolve("root.pem"), CertificateText.pem(List.of(pki.ca.rootCertificate())));
      publishCrl();
      Files.writeString(dir.resolve("registry-ca.pem"), CertificateText.pem(List.of(tls.ca)));
      fleet = pki.ca.issueRole(Role.FLEET, "Depot Gateway", Period.ofYears(1), KeyAlgorithm.ED25519);
      Files.write(dir.resolve("fleet.p12"), fleet.pkcs12("fleet", TestTls.PASSPHRASE));
      Files.writeString(dir.resolve("tls.pass"), new String(TestTls.PASSPHRASE) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Publishes the CA's current CRL over crl.pem, as an operator copies a new one in while the nodes run. */
  public void publishCrl() {
    try {
      Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(pki.ca.crl(Duration.ofDays(30))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A gateway.yaml syncing to {@code registryPort}, with its H2 store in {@code store}, collecting from {@code agents}. */
  public Path gatewayConfig(String name, Path store, int registryPort, int batchItems, String... agents) {
    StringBuilder list = new StringBuilder(agents.length == 0 ? "" : "agents:\n");
    for (String agent : agents) {
      list.append("  - ").append(agent).append('\n');
    }
    return write(name, common(store) + list + String.join("\n",
        "upstream:",
        "  url: https://127.0.0.1:" + registryPort,
        "  serverTrust: registry-ca.pem",
        "  credential: fleet.p12",
        "  passphraseFile: tls.pass",
        "  batchItems: " + batchItems,
        "  backoffBase: PT0.05S",
        "  backoffCap: PT0.5S",
        "  timeout: PT10S",
        ""));
  }

  /** A registry.yaml listening on a free loopback port, its H2 store in {@code store}. */
  public Path registryConfig(String name, Path store) {
    return registry(name, "store:\n  dir: " + store + "\n");
  }

  /** A registry.yaml listening on a free loopback port, its store a PostgreSQL database (password in pg.pass). */
  public Path registryConfig(String name, StoreSettings postgres) {
    write("pg.pass", postgres.password() + "\n");
    return registry(name, "store:\n  url: " + postgres.url() + "\n  user: " + postgres.user()
        + "\n  passwordFile: pg.pass\n");
  }

  private Path registry(String name, String store) {
    return write(name, store + TRUST + String.join("\n",
        "intake:",
        "  bind: 127.0.0.1",
        "  port: 0",
        "  keyStore: registry-tls.p12",
        "  passphraseFile: tls.pass",
        ""));
  }

  /** The CRL file is looked at again every second (PT1M by default), for the tests that publish a new one. */
  private static final String TRUST = "trust:\n  anchors: root.pem\n  crl: crl.pem\n  crlReloadEvery: PT1S\n";

  private static String common(Path store) {
    return "store:\n  dir: " + store + "\n" + TRUST;
  }

  private Path write(String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

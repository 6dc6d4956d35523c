package io.packpass.gateway.testing;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.gateway.config.GatewayConfigLoader;
import io.packpass.gateway.run.RegistryNode;
import io.packpass.gateway.store.jdbc.StoreSettings;
import io.packpass.provisioning.ca.KeyAlgorithm;
import io.packpass.provisioning.ca.RoleCredential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A running registry (the real {@link RegistryNode} from a registry.yaml) with a test PKI, role
 * credentials for every role, and HTTPS clients: anonymous, or with a role's TLS client certificate.
 * Packs reach it the real way: signed updates through the sync intake with the fleet credential.
 */
public final class RegistryFixture implements AutoCloseable {
  public static final String RESOLVER = "https://id.packpass.example";

  public final TestPki pki;
  public final Site site;
  public final RegistryNode node;
  public final Map<Role, RoleCredential> roles = new EnumMap<>(Role.class);
  private final Map<Role, HttpClient> clients = new EnumMap<>(Role.class);
  private final HttpClient anonymous;

  private RegistryFixture(TestPki pki, Site site, RegistryNode node) {
    this.pki = pki;
    this.site = site;
    this.node = node;
    for (Role role : Role.values()) {
      if (role != Role.ANONYMOUS) {
        roles.put(role, pki.ca.issueRole(role, "Test " + role.id(), Period.ofYears(1), KeyAlgorithm.ED25519));
      }
    }
    anonymous = HttpClient.newBuilder().sslContext(tls(Optional.empty())).build();
  }

  /** A registry on an H2 store in {@code dir} (or on {@code postgres}), {@code extra} YAML appended to its config. */
  public static RegistryFixture start(Path dir, Optional<StoreSettings> postgres, String extra) {
    TestPki pki = new TestPki(dir.resolve("pki"));
    Site site = new Site(dir.resolve("site"), pki);
    try {
      String store;
      if (postgres.isPresent()) {
        Files.writeString(site.dir.resolve("pg.pass"), postgres.get().password() + "\n");
        store = "store:\n  url: " + postgres.get().url() + "\n  user: " + postgres.get().user()
            + "\n  passwordFile: pg.pass\n";
      } else {
        store = "store:\n  dir: " + dir.resolve("registry-db") + "\n";
      }
      Path config = Files.writeString(site.dir.resolve("registry.yaml"), store
          + "trust:\n  anchors: root.pem\n  crl: crl.pem\n"
          + "intake:\n  bind: 127.0.0.1\n  port: 0\n  keyStore: registry-tls.p12\n  passphraseFile: tls.pass\n"
          + "registry:\n  resolverBase: " + RESOLVER + "\n" + extra);
      return new RegistryFixture(pki, site, RegistryNode.start(new GatewayConfigLoader().load(config), Map.of(),
          Clock.systemUTC()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String base() {
    return "https://127.0.0.1:" + node.port();
  }

  /** A TLS context trusting the registry's test CA, with the role's client certificate when given. */
  public SSLContext tls(Optional<Role> role) {
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("site-ca", site.tls.ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManagerFactory kmf = null;
      if (role.isPresent()) {
        KeyStore key = KeyStore.getInstance("PKCS12");
        key.load(null, null);
        RoleCredential c = roles.get(role.get());
        key.setKeyEntry("role", c.privateKey(), TestTls.PASSPHRASE, c.chain().toArray(new java.security.cert.Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(key, TestTls.PASSPHRASE);
      }
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The role credential as a .p12 file with its passphrase file beside it; returns the .p12. */
  public Path credentialFile(Role role) {
    try {
      Path p12 = site.dir.resolve(role.id() + ".p12");
      Files.write(p12, roles.get(role).pkcs12(role.id(), TestTls.PASSPHRASE));
      return p12;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SoftwareSigner signer(Role role) {
    RoleCredential c = roles.get(role);
    return SoftwareSigner.fromPkcs8(c.privateKey().getEncoded()).withCertificateChain(TestPki.der(c.chain()));
  }

  public String subject(Role role) {
    return roles.get(role).certificate().getSubjectX500Principal().getName();
  }

  private HttpClient client(Optional<Role> role) {
    if (role.isEmpty()) {
      return anonymous;
    }
    synchronized (clients) {
      return clients.computeIfAbsent(role.get(), r -> HttpClient.newBuilder().sslContext(tls(Optional.of(r))).build());
    }
  }

  /** GET {@code path}; {@code headers} are name, value pairs. */
  public HttpResponse<byte[]> get(String path, Optional<Role> role, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(role, b);
  }

  public HttpResponse<byte[]> post(String path, Optional<Role> role, String type, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(role, b);
  }

  private HttpResponse<byte[]> send(Optional<Role> role, HttpRequest.Builder b) {
    try {
      return client(role).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Delivers updates the way a site gateway does (POST /api/v1/sync, fleet certificate) and checks all were held. */
  public void sync(List<SignedUpdate> updates) {
    ByteArrayOutputStream seq = new ByteArrayOutputStream();
    updates.forEach(u -> seq.writeBytes(u.encoded()));
    HttpResponse<byte[]> r = post("/api/v1/sync", Optional.of(Role.FLEET), "application/cbor-seq", seq.toByteArray(),
        "Accept", "application/json");
    String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    if (r.statusCode() != 200 || body.contains("\"rejected\"")) {
      throw new IllegalStateException("sync: " + r.statusCode() + " " + body);
    }
  }

  /** The resolver path of a passport: /01/<gtin>/21/<serial>. */
  public static String path(io.packpass.core.id.PassportId id) {
    String link = id.digitalLink(RESOLVER);
    return link.substring(RESOLVER.length());
  }

  @Override
  public void close() {
    node.close();
  }
}

package io.packpass.provisioning.ca;

import io.packpass.core.passport.Role;
import io.packpass.provisioning.ProvisioningException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A role credential: a freshly generated private key and its certificate chain (leaf, issuing CA).
 * {@link #toString()} never shows the key.
 */
public final class RoleCredential {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final Role role;
  private final PrivateKey privateKey;
  private final List<X509Certificate> chain;
  private final RegistryEntry entry;

  RoleCredential(Role role, PrivateKey privateKey, List<X509Certificate> chain, RegistryEntry entry) {
    this.role = role;
    this.privateKey = privateKey;
    this.chain = List.copyOf(chain);
    this.entry = entry;
  }

  public Role role() {
    return role;
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** Leaf first, then the issuing CA. */
  public List<X509Certificate> chain() {
    return chain;
  }

  public RegistryEntry entry() {
    return entry;
  }

  /** The private key. Handle with care: never log it. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** PKCS#12 with the key and chain under {@code alias}, protected by {@code passphrase}. */
  public byte[] pkcs12(String alias, char[] passphrase) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(alias, privateKey, passphrase, chain.toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, passphrase);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the PKCS#12 file", e);
    }
  }

  /** The private key as encrypted PKCS#8 PEM (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC). */
  public String encryptedKeyPem(char[] passphrase) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
          .setPRF(PKCS8Generator.PRF_HMACSHA256)
          .setIterationCount(100_000)
          .setProvider(BC)
          .setPassword(passphrase)
          .build();
      writer.writeObject(new JcaPKCS8Generator(privateKey, encryptor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot encrypt the private key", e);
    }
    return out.toString();
  }

  /** {@code <role>-<holder>} in lower case, letters and digits only, as the base of exported file names. */
  public static String fileBase(Role role, String holder) {
    String slug = holder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return role.id() + (slug.isEmpty() ? "" : "-" + slug);
  }

  /** The files {@link #export} writes for {@code base}: PKCS#12, PEM chain, encrypted key PEM. */
  public static List<Path> exportFiles(Path dir, String base) {
    return List.of(dir.resolve(base + ".p12"), dir.resolve(base + ".pem"), dir.resolve(base + ".key.pem"));
  }

  /**
   * Writes {@code <base>.p12}, {@code <base>.pem} (certificate, issuing CA) and {@code <base>.key.pem}
   * (encrypted PKCS#8), each atomically; refuses if any of them exists.
   */
  public List<Path> export(Path dir, String base, char[] passphrase) {
    List<Path> files = exportFiles(dir, base);
    for (Path file : files) {
      if (Files.exists(file)) {
        throw new ProvisioningException(file + " exists; refusing to overwrite it");
      }
    }
    AtomicFiles.writePrivate(files.get(0), pkcs12(base, passphrase));
    AtomicFiles.writePublic(files.get(1), CertificateText.pem(chain));
    AtomicFiles.writePrivate(files.get(2), encryptedKeyPem(passphrase).getBytes(StandardCharsets.US_ASCII));
    return files;
  }

  @Override
  public String toString() {
    return "RoleCredential[" + role.id() + ", " + certificate().getSubjectX500Principal() + ", serial "
        + entry.serialHex() + "]";
  }
}

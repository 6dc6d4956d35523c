package io.packpass.gateway.tls;

import io.packpass.core.pki.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for the sync link: the registry's server (its own certificate, clients must present a
 * certificate of the manufacturer's PKI) and the gateway's client (its fleet role credential from
 * provisioning, the registry's server certificate checked against the given CA or the JDK's). Keys
 * come from PKCS#12 files whose passphrase the caller read from a file or the environment.
 */
public final class TlsContexts {
  /** A PKCS#12 credential file is a few kilobytes. */
  static final long MAX_KEY_STORE_BYTES = 1 << 20;

  private TlsContexts() {
  }

  /** Loads a PKCS#12 file with its key and certificate chain. */
  public static KeyStore keyStore(Path file, char[] passphrase) {
    try {
      if (Files.size(file) > MAX_KEY_STORE_BYTES) {
        throw new TlsSetupException(file + ": larger than " + MAX_KEY_STORE_BYTES + " bytes, not a PKCS#12 credential");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, passphrase);
      }
      if (!store.aliases().hasMoreElements()) {
        throw new TlsSetupException(file + ": holds no key");
      }
      return store;
    } catch (NoSuchFileException e) {
      throw new TlsSetupException(file + ": no such file");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsSetupException(file + ": wrong passphrase", e);
      }
      throw new TlsSetupException(file + ": not a PKCS#12 credential (" + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException(file + ": not a PKCS#12 credential (" + e.getMessage() + ")", e);
    }
  }

  /** The key and certificate chain (leaf first) of a one-key PKCS#12 credential, for DTLS. */
  public record KeyAndChain(java.security.PrivateKey key, List<X509Certificate> chain) {
    /** A COSE signer with this key that carries the chain in its messages (x5chain). */
    public io.packpass.core.cose.SoftwareSigner signer() {
      List<byte[]> der = new java.util.ArrayList<>();
      for (X509Certificate c : chain) {
        try {
          der.add(c.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
          throw new TlsSetupException("cannot encode " + c.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
      }
      return io.packpass.core.cose.SoftwareSigner.fromPkcs8(key.getEncoded()).withCertificateChain(der);
    }

    @Override
    public String toString() {
      return "KeyAndChain[" + chain.get(0).getSubjectX500Principal() + "]";
    }
  }

  public static KeyAndChain keyAndChain(KeyStore store, char[] passphrase) {
    try {
      for (String alias : java.util.Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          java.security.cert.Certificate[] chain = store.getCertificateChain(alias);
          List<X509Certificate> certificates = new java.util.ArrayList<>();
          for (java.security.cert.Certificate c : chain) {
            certificates.add((X509Certificate) c);
          }
          return new KeyAndChain((java.security.PrivateKey) store.getKey(alias, passphrase), certificates);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException("cannot read the credential's key: " + e.getMessage(), e);
    }
    throw new TlsSetupException("the credential holds no private key");
  }

  /** The registry's server side: {@code identity} is its server certificate; clients are checked against {@code clients}. */
  public static SSLContext server(KeyStore identity, char[] passphrase, Supplier<TrustStore> clients, Clock clock) {
    return context(identity, passphrase, new TrustManager[] {new ClientCertificateTrust(clients, clock)});
  }

  public static SSLContext server(KeyStore identity, char[] passphrase, TrustStore clients, Clock clock) {
    return server(identity, passphrase, () -> clients, clock);
  }

  /**
   * The same check as the server's handshake, for a request on a connection opened earlier: empty when
   * {@code chain} is still trusted now, else why not (revoked on a CRL published since, expired). A
   * gateway keeps its TLS connection open while it syncs, so the handshake alone would not notice.
   */
  public static Function<X509Certificate[], Optional<String>> recheck(Supplier<TrustStore> clients, Clock clock) {
    ClientCertificateTrust trust = new ClientCertificateTrust(clients, clock);
    return chain -> {
      try {
        trust.checkClientTrusted(chain, "any");
        return Optional.empty();
      } catch (CertificateException e) {
        return Optional.of(e.getMessage());
      }
    };
  }

  /**
   * The gateway's client side: {@code identity} is its fleet credential; the server certificate is
   * checked against {@code serverAnchors}, or the JDK's CA certificates when empty.
   */
  public static SSLContext client(KeyStore identity, char[] passphrase, Optional<List<X509Certificate>> serverAnchors) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (serverAnchors.isPresent()) {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int n = 0;
        for (X509Certificate c : serverAnchors.get()) {
          anchors.setCertificateEntry("anchor-" + n++, c);
        }
        tmf.init(anchors);
      } else {
        tmf.init((KeyStore) null);
      }
      return context(identity, passphrase, tmf.getTrustManagers());
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsSetupException("cannot set up the server trust: " + e.getMessage(), e);
    }
  }

  private static SSLContext context(KeyStore identity, char[] passphrase, TrustManager[] trust) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity, passphrase);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), trust, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException("cannot set up TLS with this credential: " + e.getMessage(), e);
    }
  }
}

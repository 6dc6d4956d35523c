package io.packpass.gateway.http;

import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.sync.SyncTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;

/**
 * {@link SyncTransport} over HTTPS with the JDK's HttpClient: mutual TLS with the gateway's fleet
 * credential, the registry's certificate checked (including its host name) against the trust the
 * {@link SSLContext} was made with.
 *
 * <p>When a connection breaks without a word, a short TLS probe asks the registry whether it refuses
 * this gateway's certificate (see {@link #refusalHeardByProbe}), so that a revoked or expired fleet
 * certificate is named as such and not reported as a network fault.
 */
public final class HttpsSyncTransport implements SyncTransport {
  /** Longest the probe listens after its handshake: a refusal comes within milliseconds, an accepted probe hears nothing. */
  private static final Duration PROBE_WAIT = Duration.ofSeconds(2);

  private final HttpClient client;
  private final SSLContext tls;
  private final URI endpoint;
  private final Duration timeout;

  /** @param registry the registry's base URL, e.g. {@code https://registry.example:8443} */
  public HttpsSyncTransport(URI registry, SSLContext tls, Duration timeout) {
    if (!"https".equals(registry.getScheme())) {
      throw new IllegalArgumentException("the registry URL must be https://, got " + registry);
    }
    this.endpoint = registry.resolve(SyncIntake.PATH);
    this.tls = tls;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public Answer post(byte[] cborSequence) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", SyncIntake.REQUEST_TYPE)
        .header("Accept", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofByteArray(cborSequence))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while syncing", e);
    } catch (IOException e) {
      if (!brokeWithoutAWord(e)) {
        throw e;
      }
      Optional<SSLException> refusal = refusalHeardByProbe();
      if (refusal.isEmpty()) {
        throw e;
      }
      IOException named = new IOException(e.getMessage() + "; a TLS probe right after heard: "
          + refusal.get().getMessage(), refusal.get());
      named.addSuppressed(e);
      throw named;
    }
    Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
    return new Answer(response.statusCode(), response.body(), retryAfter);
  }

  /**
   * Whether the connection ended with no answer and nothing from TLS: not a refused connection or a
   * timeout (nothing more to learn), not a TLS failure (an alert, or the registry's own certificate not
   * trusted: it says why itself).
   */
  private static boolean brokeWithoutAWord(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpTimeoutException || t instanceof SSLException) {
        return false;
      }
    }
    return true;
  }

  /**
   * In TLS 1.3 the server judges the client's certificate only after the client has finished its side
   * of the handshake, so the HttpClient has often sent the request already when the refusal comes. The
   * server then closes with that request unread, its kernel answers with a reset, and the alert can be
   * lost on the way ("header parser received no bytes", "connection reset"). A second handshake that
   * sends nothing and only listens hears the alert, if there is one: an HTTP server says nothing before
   * a request, so silence until {@link #PROBE_WAIT} means the certificate was taken.
   *
   * @return the alert the registry ended the probe with, or empty (certificate taken, or no connection)
   */
  private Optional<SSLException> refusalHeardByProbe() {
    String host = endpoint.getHost().replaceAll("^\\[(.*)]$", "$1"); // an IPv6 literal without its brackets
    int port = endpoint.getPort() == -1 ? 443 : endpoint.getPort();
    int waitMillis = (int) Math.min(PROBE_WAIT.toMillis(), timeout.toMillis());
    InetAddress address;
    try {
      address = InetAddress.getByName(host); // once, for the sessions to forget and for the probe
    } catch (UnknownHostException e) {
      return Optional.empty(); // nothing to probe: the break stays the network fault it was
    }
    forgetSessions(host, address, port);
    for (int attempt = 1; ; attempt++) {
      try {
        return probe(address, host, port, waitMillis);
      } catch (IOException broken) {
        // the probe's own flight can meet a reset too (the server refused on the Certificate record and
        // closed before the records after it arrived; seen about once in 600): once more, then give up
        if (attempt == 2) {
          return Optional.empty();
        }
      }
    }
  }

  private Optional<SSLException> probe(InetAddress address, String host, int port, int waitMillis)
      throws IOException {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(address, port), waitMillis);
      try (SSLSocket probe = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true)) {
        SSLParameters parameters = probe.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the same server check as the HttpClient's
        probe.setSSLParameters(parameters);
        probe.setSoTimeout(waitMillis);
        probe.startHandshake();
        probe.getInputStream().read();
        return Optional.empty();
      }
    } catch (SSLException e) {
      return Optional.of(e);
    } catch (SocketTimeoutException e) {
      return Optional.empty(); // heard nothing: the certificate was taken
    }
  }

  /**
   * Drops the TLS sessions cached for the registry: a resumed session skips the server's certificate
   * check, so the probe (and the next sync after it) must make a full handshake to be judged.
   */
  private void forgetSessions(String host, InetAddress address, int port) {
    SSLSessionContext sessions = tls.getClientSessionContext();
    for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
      SSLSession session = sessions.getSession(ids.nextElement());
      if (session != null && session.getPeerPort() == port && sameHost(host, address, session.getPeerHost())) {
        session.invalidate();
      }
    }
  }

  /**
   * The HttpClient names the peer of an IPv6 session in full ("0:0:0:0:0:0:0:1" for "[::1]"), so names
   * that differ as text are compared by address too (a literal needs no lookup; a name was resolved by
   * the connection just made, so it is normally answered from the JVM's cache).
   */
  private static boolean sameHost(String host, InetAddress address, String peerHost) {
    if (peerHost == null) {
      return false;
    }
    if (host.equalsIgnoreCase(peerHost)) {
      return true;
    }
    try {
      return address.equals(InetAddress.getByName(peerHost));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "HttpsSyncTransport[" + endpoint + "]";
  }
}

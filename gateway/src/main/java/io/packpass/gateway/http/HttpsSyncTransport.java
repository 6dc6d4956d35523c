package io.packpass.gateway.http;

import io.packpass.gateway.sync.SyncIntake;
import io.packpass.gateway.sync.SyncTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@link SyncTransport} over HTTPS with the JDK's HttpClient: mutual TLS with the gateway's fleet
 * credential, the registry's certificate checked (including its host name) against the trust the
 * {@link SSLContext} was made with.
 */
public final class HttpsSyncTransport implements SyncTransport {
  private final HttpClient client;
  private final URI endpoint;
  private final Duration timeout;

  /** @param registry the registry's base URL, e.g. {@code https://registry.example:8443} */
  public HttpsSyncTransport(URI registry, SSLContext tls, Duration timeout) {
    if (!"https".equals(registry.getScheme())) {
      throw new IllegalArgumentException("the registry URL must be https://, got " + registry);
    }
    this.endpoint = registry.resolve(SyncIntake.PATH);
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

  @Override
  public String toString() {
    return "HttpsSyncTransport[" + endpoint + "]";
  }
}

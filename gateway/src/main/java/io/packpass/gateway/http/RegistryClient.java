package io.packpass.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The registry's API as a grader's command line uses it (JDK HTTP client, mutual TLS with the role
 * credential): the passport with its chain and log heads, the SOH history size, and log submission.
 */
public final class RegistryClient {
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /** What the registry holds of one passport: the grader's view and the heads of both chains. */
  public record Held(Passport passport, long headSeq, byte[] headHash, Instant headTime, long logSeq,
      Optional<byte[]> logHash, String recordState) {
  }

  /** The registry's answer to a log entry. */
  public record Answer(int status, String outcome, Optional<String> reason, String detail) {
  }

  public RegistryClient(URI base, SSLContext tls, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build();
  }

  public Held passport(PassportId id) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(id, "")).header("Accept", "application/cbor").GET());
    if (r.statusCode() == 404) {
      throw new IOException("the registry holds no passport " + id.elementString());
    }
    if (r.statusCode() != 200) {
      throw new IOException("the registry answered " + r.statusCode() + " for " + id.elementString() + ": "
          + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    var h = r.headers();
    return new Held(Passport.decode(r.body()), Long.parseLong(h.firstValue("PackPass-Head-Seq").orElseThrow()),
        HexFormat.of().parseHex(h.firstValue("PackPass-Head-Hash").orElseThrow()),
        Instant.parse(h.firstValue("PackPass-Head-Time").orElseThrow()),
        Long.parseLong(h.firstValue("PackPass-Log-Seq").orElseThrow()),
        h.firstValue("PackPass-Log-Hash").map(HexFormat.of()::parseHex),
        h.firstValue("PackPass-Record-State").orElse("active"));
  }

  /** The hash of the device-chain update {@code seq} the registry holds, if it holds one. */
  public Optional<byte[]> hashAt(PassportId id, long seq) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(id, "/updates?limit=1&cursor=" + (seq - 1))).GET());
    if (r.statusCode() != 200) {
      throw new IOException("the registry answered " + r.statusCode() + " for the device chain");
    }
    JsonNode result = JsonViews.MAPPER.readTree(r.body()).get("result");
    if (result.isEmpty() || result.get(0).get("seq").asLong() != seq) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().parseHex(result.get(0).get("hash").asText()));
  }

  /** How many signed readings of the pack the registry holds (counted up to the first 500 updates). */
  public int readings(PassportId id) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(id, "/updates?limit=500")).GET());
    if (r.statusCode() != 200) {
      throw new IOException("the registry answered " + r.statusCode() + " for the device chain");
    }
    int readings = 0;
    for (JsonNode u : JsonViews.MAPPER.readTree(r.body()).get("result")) {
      if ("reading".equals(u.path("kind").asText())) {
        readings++;
      }
    }
    return readings;
  }

  public Answer submit(PassportId id, byte[] entry) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(id, "/log")).header("Content-Type",
        RegistryRoutes.COSE).POST(HttpRequest.BodyPublishers.ofByteArray(entry)));
    JsonNode json;
    try {
      json = JsonViews.MAPPER.readTree(r.body());
    } catch (IOException e) {
      return new Answer(r.statusCode(), "refused", Optional.empty(), new String(r.body(),
          java.nio.charset.StandardCharsets.UTF_8));
    }
    return new Answer(r.statusCode(), json.path("status").asText("refused"),
        Optional.ofNullable(json.get("reason")).map(JsonNode::asText), json.path("detail").asText(""));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI uri(PassportId id, String suffix) {
    return base.resolve(RegistryRoutes.API + RegistryRoutes.itemPath(id) + suffix);
  }
}

package io.packpass.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * Closed-loop CoAP load: {@code clients} Californium client endpoints (each its own UDP socket and,
 * for DTLS, its own session with the role certificate), each keeping {@code outstanding} CON GETs in
 * flight; a new request goes out when an answer comes back. Client endpoints share two protocol
 * threads. Latency is taken from handing the request to the endpoint to the response callback.
 */
final class CoapLoad implements AutoCloseable {
  /** Identity of a DTLS client: the role key and chain, and the root it trusts the server by. */
  record DtlsClientIdentity(PrivateKey key, List<X509Certificate> chain, X509Certificate root) {
  }

  /** One measured window. */
  record Round(String target, int round, double seconds, long ok, long errors, long timeouts, long retransmissions,
      double rps, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs) {
    String json() {
      return String.format(java.util.Locale.ROOT,
          "{\"target\":\"%s\",\"round\":%d,\"seconds\":%.3f,\"ok\":%d,\"errors\":%d,\"timeouts\":%d,"
              + "\"retransmissions\":%d,\"rps\":%.1f,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,"
              + "\"p999_us\":%.1f,\"max_us\":%.1f}",
          target, round, seconds, ok, errors, timeouts, retransmissions, rps, p50Us, p90Us, p99Us, p999Us, maxUs);
    }
  }

  private static final int MAX_SAMPLES = 4_000_000;

  private final ScheduledExecutorService main;
  private final ScheduledExecutorService secondary;
  private final List<CoapEndpoint> endpoints = new ArrayList<>();
  private final InetSocketAddress server;
  private final String path;
  private final int outstanding;

  private volatile boolean sending;
  private volatile long windowStart;
  private volatile long windowEnd;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong retransmissions = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final long[] samples = new long[MAX_SAMPLES];
  private final AtomicInteger sampleCount = new AtomicInteger();
  private volatile ResponseCode lastError;
  private volatile int lastPayloadBytes = -1;

  CoapLoad(InetSocketAddress server, String path, int clients, int outstanding, DtlsClientIdentity dtls)
      throws IOException {
    this.server = server;
    this.path = path;
    this.outstanding = outstanding;
    main = ExecutorsUtil.newScheduledThreadPool(2, new NamedThreadFactory("load-client#"));
    secondary = ExecutorsUtil.newDefaultSecondaryScheduler("load-timer#");
    for (int i = 0; i < clients; i++) {
      Configuration config = clientConfig();
      CoapEndpoint.Builder b = CoapEndpoint.builder().setConfiguration(config);
      if (dtls != null) {
        DtlsConnectorConfig dc = DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress(server.getAddress(), 0))
            .setCertificateIdentityProvider(new SingleCertificateProvider(dtls.key(),
                dtls.chain().toArray(new X509Certificate[0]), CertificateType.X_509))
            .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedCertificates(dtls.root()).build())
            .build();
        b.setConnector(new DTLSConnector(dc));
      } else {
        b.setInetSocketAddress(new InetSocketAddress(server.getAddress(), 0));
      }
      CoapEndpoint e = b.build();
      e.setExecutors(main, secondary);
      e.start();
      endpoints.add(e);
    }
  }

  static Configuration clientConfig() {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
    Configuration config = new Configuration();
    config.set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY);
    // The device certificate names the passport (a URI), not a host name or address.
    config.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, false);
    config.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, false);
    config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
    config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
    config.set(CoapConfig.MAX_ACTIVE_PEERS, 4);
    return config;
  }

  /** One synchronous request per client (the DTLS handshake); fails unless every client gets 2.05. */
  void connect(long timeoutMs) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(endpoints.size());
    AtomicInteger good = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (CoapEndpoint e : endpoints) {
      Request r = request();
      r.addMessageObserver(new MessageObserverAdapter() {
        @Override
        public void onResponse(Response response) {
          if (response.getCode() == ResponseCode.CONTENT) {
            good.incrementAndGet();
            lastPayloadBytes = response.getPayloadSize();
          } else {
            failures.add(response.getCode() + " " + response.getPayloadString());
          }
          done.countDown();
        }

        @Override
        protected void failed() {
          failures.add("no answer");
          done.countDown();
        }
      });
      e.sendRequest(r);
    }
    if (!done.await(timeoutMs, TimeUnit.MILLISECONDS) || good.get() != endpoints.size()) {
      throw new IllegalStateException("only " + good.get() + " of " + endpoints.size() + " clients got 2.05 from "
          + server + path + ": " + failures.stream().limit(3).toList());
    }
  }

  private Request request() {
    Request r = Request.newGet();
    r.setDestinationContext(new AddressEndpointContext(server));
    r.getOptions().setUriPath(path);
    return r;
  }

  /** The size of a representation {@link #connect} received (block-wise reassembled). */
  int lastPayloadBytes() {
    return lastPayloadBytes;
  }

  /** Runs the load for {@code seconds}; counts answers that arrive inside the window. */
  Round run(String target, int round, double seconds) throws InterruptedException {
    ok.set(0);
    errors.set(0);
    timeouts.set(0);
    retransmissions.set(0);
    sampleCount.set(0);
    long start = System.nanoTime();
    windowStart = start;
    windowEnd = start + (long) (seconds * 1e9);
    sending = true;
    for (CoapEndpoint e : endpoints) {
      for (int i = 0; i < outstanding; i++) {
        send(e);
      }
    }
    long sleep = windowEnd - System.nanoTime();
    TimeUnit.NANOSECONDS.sleep(Math.max(0, sleep));
    sending = false;
    long okN = ok.get();
    long errN = errors.get();
    long toN = timeouts.get();
    long reN = retransmissions.get();
    int n = Math.min(sampleCount.get(), MAX_SAMPLES);
    // let the requests still in flight finish before the next round
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
      Thread.sleep(5);
    }
    long[] s = Arrays.copyOf(samples, n);
    Arrays.sort(s);
    if (errN > 0 && lastError != null) {
      System.out.println("  (errors: last code " + lastError + ")");
    }
    return new Round(target, round, seconds, okN, errN, toN, reN, okN / seconds, pct(s, 0.50), pct(s, 0.90),
        pct(s, 0.99), pct(s, 0.999), s.length == 0 ? Double.NaN : s[s.length - 1] / 1e3);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e3;
  }

  private void send(CoapEndpoint e) {
    if (!sending) {
      return;
    }
    Request r = request();
    long t0 = System.nanoTime();
    inFlight.incrementAndGet();
    r.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onResponse(Response response) {
        long t1 = System.nanoTime();
        inFlight.decrementAndGet();
        if (t1 <= windowEnd) {
          if (response.getCode() == ResponseCode.CONTENT) {
            ok.incrementAndGet();
            int i = sampleCount.getAndIncrement();
            if (i < MAX_SAMPLES) {
              samples[i] = t1 - t0;
            }
          } else {
            errors.incrementAndGet();
            lastError = response.getCode();
          }
        }
        send(e);
      }

      @Override
      public void onRetransmission() {
        retransmissions.incrementAndGet();
      }

      @Override
      protected void failed() {
        inFlight.decrementAndGet();
        timeouts.incrementAndGet();
        send(e);
      }
    });
    e.sendRequest(r);
  }

  @Override
  public void close() {
    sending = false;
    endpoints.forEach(CoapEndpoint::destroy);
    ExecutorsUtil.shutdownExecutorGracefully(1000, main, secondary);
  }
}

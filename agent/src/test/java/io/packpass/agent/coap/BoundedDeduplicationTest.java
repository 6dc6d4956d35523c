package io.packpass.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.Test;

/** Deduplication on the agent's endpoints: retransmissions answered once, memory bounded in all peers. */
class BoundedDeduplicationTest {
  final AtomicLong nanos = new AtomicLong();

  @Test
  void a_retransmitted_con_post_is_answered_from_its_exchange_not_handled_again() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    CoapServer server = countingServer(handled);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.setSoTimeout(3_000);
      InetSocketAddress to = (InetSocketAddress) server.getEndpoints().get(0).getAddress();
      byte[] first = exchange(socket, to, conPost(0x0101));
      byte[] again = exchange(socket, to, conPost(0x0101));

      assertThat(again).isEqualTo(first);
      assertThat(handled).hasValue(1);
      exchange(socket, to, conPost(0x0102));
      assertThat(handled).as("a new message id is a new request").hasValue(2);
    } finally {
      server.destroy();
    }
  }

  @Test
  void a_retransmitted_get_is_simply_handled_again_and_takes_no_room() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    CoapServer server = countingServer(handled);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.setSoTimeout(3_000);
      InetSocketAddress to = (InetSocketAddress) server.getEndpoints().get(0).getAddress();
      assertThat(new String(exchange(socket, to, conGet(0x0201)), java.nio.charset.StandardCharsets.US_ASCII))
          .endsWith("n=1");
      assertThat(new String(exchange(socket, to, conGet(0x0201)), java.nio.charset.StandardCharsets.US_ASCII))
          .endsWith("n=2");
    } finally {
      server.destroy();
    }
  }

  @Test
  void beyond_the_capacity_the_oldest_message_is_forgotten_so_a_flood_cannot_fill_the_heap() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    CoapServer server = countingServer(handled);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.setSoTimeout(3_000);
      InetSocketAddress to = (InetSocketAddress) server.getEndpoints().get(0).getAddress();
      int flood = CoapConfigurations.DEDUPLICATION_CAPACITY + 10;
      for (int mid = 1; mid <= flood; mid++) {
        exchange(socket, to, conPost(mid));
      }
      assertThat(handled).hasValue(flood);

      exchange(socket, to, conPost(flood)); // recent: still remembered
      assertThat(handled).hasValue(flood);
      exchange(socket, to, conPost(1)); // the oldest: forgotten, so handled again
      assertThat(handled).hasValue(flood + 1);
    } finally {
      server.destroy();
    }
  }

  @Test
  void entries_older_than_the_exchange_lifetime_are_swept() {
    BoundedDeduplicator dedup = new BoundedDeduplicator(10, 247, 10, TimeUnit.SECONDS, nanos::get);
    Exchange a = remote(1);
    Exchange b = remote(2);
    assertThat(dedup.findPrevious(key(1), a)).isNull();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(200));
    assertThat(dedup.findPrevious(key(2), b)).isNull();
    assertThat(dedup.findPrevious(key(1), remote(1))).as("a duplicate").isSameAs(a);

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(100)); // a is 300 s old, b 100 s
    dedup.sweep();

    assertThat(dedup.find(key(1))).isNull();
    assertThat(dedup.find(key(2))).isSameAs(b);
    assertThat(dedup.size()).isEqualTo(1);
  }

  @Test
  void a_message_id_seen_in_the_other_direction_is_replaced_not_taken_for_a_duplicate() {
    BoundedDeduplicator dedup = new BoundedDeduplicator(10, 247, 10, TimeUnit.SECONDS, nanos::get);
    Exchange local = new Exchange(request(7), null, Exchange.Origin.LOCAL, Runnable::run);
    Exchange remote = remote(7);
    assertThat(dedup.findPrevious(key(7), local)).isNull();
    assertThat(dedup.findPrevious(key(7), remote)).isNull();
    assertThat(dedup.find(key(7))).isSameAs(remote);

    Exchange next = remote(7);
    assertThat(dedup.replacePrevious(key(7), local, next)).as("not the current entry").isFalse();
    assertThat(dedup.replacePrevious(key(7), remote, next)).isTrue();
    assertThat(dedup.find(key(7))).isSameAs(next);
  }

  private CoapServer countingServer(AtomicInteger handled) {
    Configuration config = CoapConfigurations.agent(Optional.empty());
    CoapServer server = new CoapServer(config);
    server.add(new CoapResource("count") {
      @Override
      public void handleGET(CoapExchange exchange) {
        exchange.respond(ResponseCode.CONTENT, "n=" + handled.incrementAndGet());
      }

      @Override
      public void handlePOST(CoapExchange exchange) {
        exchange.respond(ResponseCode.CHANGED, "n=" + handled.incrementAndGet());
      }
    });
    server.addEndpoint(CoapConfigurations.endpoint(config)
        .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build());
    server.start();
    return server;
  }

  /** CON GET /count with the given message id and a one-byte token. */
  private static byte[] conGet(int mid) {
    return new byte[] {0x41, 0x01, (byte) (mid >> 8), (byte) mid, 0x07, (byte) 0xB5, 'c', 'o', 'u', 'n', 't'};
  }

  /** CON POST /count, no payload. */
  private static byte[] conPost(int mid) {
    return new byte[] {0x41, 0x02, (byte) (mid >> 8), (byte) mid, 0x07, (byte) 0xB5, 'c', 'o', 'u', 'n', 't'};
  }

  private static byte[] exchange(DatagramSocket socket, InetSocketAddress to, byte[] datagram) throws Exception {
    socket.send(new DatagramPacket(datagram, datagram.length, to));
    DatagramPacket in = new DatagramPacket(new byte[1500], 1500);
    socket.receive(in);
    return java.util.Arrays.copyOf(in.getData(), in.getLength());
  }

  private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5683);

  private static KeyMID key(int mid) {
    return new KeyMID(mid, PEER);
  }

  private static Request request(int mid) {
    Request r = Request.newPost();
    r.setType(Type.CON);
    r.setMID(mid);
    r.setSourceContext(new AddressEndpointContext(PEER));
    return r;
  }

  private static Exchange remote(int mid) {
    return new Exchange(request(mid), PEER, Exchange.Origin.REMOTE, Runnable::run);
  }
}

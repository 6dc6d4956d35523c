package io.packpass.label.print;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * A Zebra-compatible printer on raw TCP for tests: a loopback socket that records every byte it
 * receives and answers {@code ~HS} as scripted, one {@link Behaviour} per connection (the last one
 * repeats).
 */
final class FakeZebraPrinter implements AutoCloseable {
  enum Behaviour {
    /** Answers ~HS as a ready printer. */
    READY,
    /** Answers ~HS with the paper-out flag set. */
    PAPER_OUT,
    /** Reads but never answers (newer firmware while out of media, or not a Zebra). */
    SILENT,
    /** Closes the connection as soon as it is accepted. */
    DROP
  }

  static final String READY_STATUS = "\u0002030,0,0,0406,000,0,0,0,000,0,0,0\u0003\r\n"
      + "\u0002001,0,0,0,1,2,6,0,00000000,1,000\u0003\r\n\u00021234,0\u0003\r\n";
  static final String PAPER_OUT_STATUS = READY_STATUS.replaceFirst("030,0,0", "030,1,0");

  private final ServerSocket server;
  private final Deque<Behaviour> script;
  private final List<byte[]> streams = Collections.synchronizedList(new ArrayList<>());
  private final Thread acceptor;

  FakeZebraPrinter(int port, Behaviour... script) throws IOException {
    this.server = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
    this.script = new ArrayDeque<>(List.of(script));
    this.acceptor = new Thread(this::accept, "fake-zebra");
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  FakeZebraPrinter(Behaviour... script) throws IOException {
    this(0, script);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Everything each connection sent, in connection order. */
  List<byte[]> streams() {
    synchronized (streams) {
      return List.copyOf(streams);
    }
  }

  /** What was sent besides the ~HS queries, per connection that sent anything. */
  List<String> jobs() {
    return streams().stream().map(b -> new String(b, StandardCharsets.UTF_8).replace("~HS", ""))
        .filter(s -> !s.isEmpty()).toList();
  }

  private synchronized Behaviour next() {
    return script.size() > 1 ? script.removeFirst() : script.getFirst();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Behaviour behaviour = next();
        Thread t = new Thread(() -> serve(socket, behaviour), "fake-zebra-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket, Behaviour behaviour) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (socket) {
      if (behaviour == Behaviour.DROP) {
        return;
      }
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        received.write(b);
        byte[] so = received.toByteArray();
        int n = so.length;
        if (n >= 3 && so[n - 3] == '~' && so[n - 2] == 'H' && so[n - 1] == 'S' && behaviour != Behaviour.SILENT) {
          out.write((behaviour == Behaviour.PAPER_OUT ? PAPER_OUT_STATUS : READY_STATUS).getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    } catch (IOException e) {
      // the client went away; what arrived is recorded
    } finally {
      streams.add(received.toByteArray());
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}

package io.packpass.label.print;

import io.packpass.label.print.PrinterException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A printer on raw TCP port 9100 (JetDirect; every Zebra and most ZPL-compatible printers). Raw 9100
 * has no acknowledgement, so with {@code statusQuery} (the default) the job is framed by Zebra host
 * status queries: {@code ~HS} before it says whether the printer can print (labels, ribbon, head,
 * pause), {@code ~HS} after it, answered only once the printer has read the whole job, confirms
 * delivery. Without it the job is written and the connection closed (printers that do not speak ZPL
 * host status).
 */
public final class TcpPrinter implements Printer {
  private static final byte[] HOST_STATUS = "~HS".getBytes(StandardCharsets.US_ASCII);
  /** Three status strings are well under 200 bytes; more is not a Zebra answer. */
  private static final int MAX_STATUS_BYTES = 512;

  private final String host;
  private final int port;
  private final boolean statusQuery;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  public TcpPrinter(String host, int port, boolean statusQuery, Duration connectTimeout, Duration readTimeout) {
    this.host = host;
    this.port = port;
    this.statusQuery = statusQuery;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  @Override
  public String describe() {
    return "tcp://" + host + ":" + port + (statusQuery ? "" : "?status=off");
  }

  @Override
  public void send(byte[] job) {
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      } catch (UnknownHostException e) {
        throw new PrinterException(Kind.UNREACHABLE, describe() + ": unknown host " + host, e);
      } catch (ConnectException e) {
        throw new PrinterException(Kind.UNREACHABLE, describe() + ": connection refused (printer off, or not on port "
            + port + ")", e);
      } catch (SocketTimeoutException e) {
        throw new PrinterException(Kind.UNREACHABLE, describe() + ": no connection within " + connectTimeout.toMillis()
            + " ms (printer off or unreachable)", e);
      }
      socket.setSoTimeout((int) readTimeout.toMillis());
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      if (statusQuery) {
        requireReady(query(out, in, "before the job"));
      }
      out.write(job);
      out.flush();
      if (statusQuery) {
        // The printer answers this only after reading every byte before it: the job arrived.
        query(out, in, "after the job");
      }
      socket.shutdownOutput();
    } catch (IOException e) {
      throw new PrinterException(Kind.UNREACHABLE, describe() + ": connection lost (" + e.getMessage() + ")", e);
    }
  }

  private HostStatus query(OutputStream out, InputStream in, String when) throws IOException {
    out.write(HOST_STATUS);
    out.flush();
    List<String> strings = new ArrayList<>(3);
    ByteArrayOutputStream current = null;
    int total = 0;
    try {
      while (strings.size() < 3) {
        int b = in.read();
        if (b < 0) {
          throw new PrinterException(Kind.UNREACHABLE, describe() + ": the printer closed the connection " + when);
        }
        if (++total > MAX_STATUS_BYTES) {
          throw new PrinterException(Kind.NOT_READY, describe() + ": the answer to ~HS is not a Zebra host status");
        }
        if (b == HostStatus.STX) {
          current = new ByteArrayOutputStream();
        } else if (b == HostStatus.ETX && current != null) {
          strings.add(current.toString(StandardCharsets.US_ASCII));
          current = null;
        } else if (current != null) {
          current.write(b);
        }
      }
    } catch (SocketTimeoutException e) {
      throw new PrinterException(Kind.NOT_READY, describe() + ": no answer to the host status query (~HS) " + when
          + " within " + readTimeout.toMillis() + " ms: out of labels or ribbon, or print head open (the printer then"
          + " stays silent), or not Zebra-compatible (then use " + "tcp://" + host + ":" + port + "?status=off)", e);
    }
    try {
      return HostStatus.parse(strings);
    } catch (IllegalArgumentException e) {
      throw new PrinterException(Kind.NOT_READY, describe() + ": unreadable host status (" + e.getMessage() + ")", e);
    }
  }

  private void requireReady(HostStatus status) {
    List<String> problems = status.problems();
    if (!problems.isEmpty()) {
      throw new PrinterException(Kind.NOT_READY, describe() + ": printer not ready: " + String.join(", ", problems));
    }
  }
}

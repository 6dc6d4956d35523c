package io.packpass.agent.bus.sim;

import io.packpass.agent.bus.BusException;
import io.packpass.agent.bus.SerialLink;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link JbdUartPeer} on a real byte stream: a thread reads what the host writes to
 * {@code line}, feeds it to the peer and writes the peer's answers back. With a jSerialComm link on one
 * end of a socat pty pair (or a USB-serial adapter wired to another machine) the agent, or any JBD
 * tool, can read a simulated BMS through a real serial stack ({@code packpass agent simulate}).
 *
 * <p>The peer is touched only by the server's thread, so it needs no locking; set its state and
 * faults before {@link #start()}. {@link #close()} stops the thread; it does not close the line.
 */
public final class JbdUartPeerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JbdUartPeerServer.class);
  /** How long one read waits, which bounds how quickly {@link #close()} takes effect. */
  private static final Duration POLL = Duration.ofMillis(100);

  private final SerialLink line;
  private final JbdUartPeer peer;
  private final Thread thread;
  private volatile boolean running;

  public JbdUartPeerServer(SerialLink line, JbdUartPeer peer) {
    this.line = Objects.requireNonNull(line, "line");
    this.peer = Objects.requireNonNull(peer, "peer");
    this.thread = new Thread(this::serve, "jbd-uart-peer");
    thread.setDaemon(true);
  }

  /** Starts serving on a background thread; returns {@code this}. */
  public JbdUartPeerServer start() {
    running = true;
    thread.start();
    return this;
  }

  /** Blocks until the server stops (after {@link #close()}, or when the thread is interrupted). */
  public void await() throws InterruptedException {
    thread.join();
  }

  private void serve() {
    byte[] buffer = new byte[256];
    while (running) {
      try {
        int n = line.read(buffer, 0, buffer.length, POLL);
        if (n <= 0) {
          continue;
        }
        peer.receive(Arrays.copyOf(buffer, n));
        byte[] answer = peer.takeOutput();
        if (answer.length > 0) {
          line.write(answer);
        }
      } catch (BusException e) {
        if (!running) {
          return;
        }
        LOG.warn("JBD peer: {}; retrying", e.getMessage());
        try {
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops serving and waits up to a second for the thread to end. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

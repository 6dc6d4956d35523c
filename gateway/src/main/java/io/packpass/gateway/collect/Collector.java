package io.packpass.gateway.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one {@link AgentCollector} per agent, each on its own thread, until closed. */
public final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final List<AgentCollector> agents;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private boolean started;

  public Collector(List<AgentCollector> agents) {
    this.agents = new ArrayList<>(agents);
  }

  public synchronized void start() {
    started = true;
    agents.forEach(this::launch);
    LOG.info("collecting from {} agents", agents.size());
  }

  /** Adds an agent (one found by discovery): collected from at once when the collector runs. */
  public synchronized void add(AgentCollector agent) {
    if (stop.get()) {
      agent.link().close();
      return;
    }
    agents.add(agent);
    if (started) {
      launch(agent);
    }
  }

  /** Whether an agent at {@code address} is collected from already. */
  public synchronized boolean collects(String address) {
    return agents.stream().anyMatch(a -> a.link().address().equals(address));
  }

  private void launch(AgentCollector agent) {
    Thread t = new Thread(() -> {
      try {
        agent.run(stop::get);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.error("collector for {} stopped: {}", agent.link().address(), e.toString(), e);
      }
    }, "collect " + agent.link().address());
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  public synchronized List<AgentHealth> health() {
    return agents.stream().map(AgentCollector::health).toList();
  }

  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      stop.set(true);
      running = List.copyOf(threads);
    }
    for (Thread t : running) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (this) {
      agents.forEach(a -> a.link().close());
    }
  }
}

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

  public Collector(List<AgentCollector> agents) {
    this.agents = List.copyOf(agents);
  }

  public synchronized void start() {
    for (AgentCollector agent : agents) {
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
    LOG.info("collecting from {} agents", agents.size());
  }

  public List<AgentHealth> health() {
    return agents.stream().map(AgentCollector::health).toList();
  }

  @Override
  public synchronized void close() {
    stop.set(true);
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    agents.forEach(a -> a.link().close());
  }
}

package io.packpass.agent.coap;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.InMemoryMessageExchangeStore;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.KeyToken;
import org.eclipse.californium.core.network.MessageExchangeStore;
import org.eclipse.californium.core.network.deduplication.Deduplicator;

/**
 * Californium's in-memory exchange store with the deduplication answered by our own
 * {@link Deduplicator}: the store takes its deduplicator from a process-wide factory, so wrapping it
 * is the way to give one endpoint a bounded one without changing every other endpoint in the JVM.
 */
final class DeduplicatingExchangeStore implements MessageExchangeStore {
  private final InMemoryMessageExchangeStore store;
  private final Deduplicator deduplicator;

  DeduplicatingExchangeStore(InMemoryMessageExchangeStore store, Deduplicator deduplicator) {
    this.store = store;
    this.deduplicator = deduplicator;
  }

  @Override
  public void start() {
    store.start();
    deduplicator.start();
  }

  @Override
  public void stop() {
    deduplicator.stop();
    store.stop();
  }

  @Override
  public void setExecutor(ScheduledExecutorService executor) {
    store.setExecutor(executor);
    deduplicator.setExecutor(executor);
  }

  @Override
  public Exchange findPrevious(KeyMID key, Exchange exchange) {
    return deduplicator.findPrevious(key, exchange);
  }

  @Override
  public boolean replacePrevious(KeyMID key, Exchange previous, Exchange exchange) {
    return deduplicator.replacePrevious(key, previous, exchange);
  }

  @Override
  public Exchange find(KeyMID key) {
    return deduplicator.find(key);
  }

  @Override
  public boolean isEmpty() {
    return store.isEmpty() && deduplicator.isEmpty();
  }

  @Override
  public int assignMessageId(Message message) {
    return store.assignMessageId(message);
  }

  @Override
  public boolean registerOutboundRequest(Exchange exchange) {
    return store.registerOutboundRequest(exchange);
  }

  @Override
  public boolean registerOutboundRequestWithTokenOnly(Exchange exchange) {
    return store.registerOutboundRequestWithTokenOnly(exchange);
  }

  @Override
  public boolean registerOutboundResponse(Exchange exchange) {
    return store.registerOutboundResponse(exchange);
  }

  @Override
  public void remove(KeyToken token, Exchange exchange) {
    store.remove(token, exchange);
  }

  @Override
  public Exchange remove(KeyMID key, Exchange exchange) {
    return store.remove(key, exchange);
  }

  @Override
  public Exchange get(KeyToken token) {
    return store.get(token);
  }

  @Override
  public Exchange get(KeyMID key) {
    return store.get(key);
  }

  @Override
  public List<Exchange> findByToken(Token token) {
    return store.findByToken(token);
  }
}

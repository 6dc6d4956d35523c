package io.packpass.gateway.verify;

/**
 * Decides whether more updates may come in at all, before any is judged: a gateway whose outbox is
 * full stops accepting rather than drop anything (the agents keep what they have not been told is
 * held). The registry, with no outbox, is always {@link #OPEN}.
 */
public interface IntakeGate {
  IntakeGate OPEN = count -> {
  };

  /**
   * @throws BackpressureException when {@code count} more updates cannot be taken now
   */
  void admit(int count);
}

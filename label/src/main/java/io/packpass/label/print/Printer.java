package io.packpass.label.print;

/** Port: somewhere a label job (ZPL bytes) goes. */
public interface Printer {
  /**
   * Sends one job.
   *
   * @throws PrinterException when it did not reach a ready printer
   */
  void send(byte[] job);

  /** The printer spec it was made from, for messages. */
  String describe();
}

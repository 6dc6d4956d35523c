package io.packpass.label;

/** Port: turns text into a QR symbol (adapter: {@code label.zxing}). */
public interface QrEncoder {
  /**
   * @param mixedModes let the encoder switch between byte, alphanumeric and numeric segments (the
   *     smallest symbol); false keeps the whole text in one mode, as a printer's own encoder may
   * @throws LabelException when the text does not fit a version 40 symbol at that level
   */
  QrSymbol encode(String text, ErrorCorrection errorCorrection, boolean mixedModes);
}

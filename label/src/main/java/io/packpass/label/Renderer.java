package io.packpass.label;

/** Port: writes a laid-out label in one output format. */
public interface Renderer {
  byte[] render(Drawing drawing);
}

package io.packpass.label.print;

import java.util.ArrayList;
import java.util.List;

/**
 * A Zebra printer's answer to {@code ~HS} (ZPL II Programming Guide, "~HS Host Status Return"): three
 * strings, each {@code <STX>...<ETX><CR><LF>}. String 1 {@code aaa,b,c,dddd,eee,f,g,h,iii,j,k,l}: b
 * paper out, c pause, f receive buffer full, k under temperature, l over temperature. String 2
 * {@code mmm,n,o,p,...}: o head up, p ribbon out. Newer firmware sends nothing at all while out of
 * media or ribbon, with the head open or over temperature.
 */
record HostStatus(boolean paperOut, boolean paused, boolean bufferFull, boolean headUp, boolean ribbonOut,
    boolean underTemperature, boolean overTemperature) {

  static final int STX = 0x02;
  static final int ETX = 0x03;

  /** Parses the three strings (without STX/ETX). */
  static HostStatus parse(List<String> strings) {
    if (strings.size() < 2) {
      throw new IllegalArgumentException("expected 3 status strings, got " + strings.size());
    }
    String[] one = strings.get(0).split(",", -1);
    String[] two = strings.get(1).split(",", -1);
    if (one.length < 12 || two.length < 4) {
      throw new IllegalArgumentException("status strings have " + one.length + " and " + two.length + " fields");
    }
    return new HostStatus(flag(one[1]), flag(one[2]), flag(one[5]), flag(two[2]), flag(two[3]), flag(one[10]),
        flag(one[11]));
  }

  private static boolean flag(String field) {
    return field.strip().equals("1");
  }

  /** What stops printing, in words; empty when ready. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    if (paperOut) {
      out.add("out of labels (paper out)");
    }
    if (ribbonOut) {
      out.add("ribbon out");
    }
    if (headUp) {
      out.add("print head open");
    }
    if (paused) {
      out.add("paused");
    }
    if (bufferFull) {
      out.add("receive buffer full");
    }
    if (underTemperature) {
      out.add("under temperature");
    }
    if (overTemperature) {
      out.add("over temperature");
    }
    return out;
  }
}

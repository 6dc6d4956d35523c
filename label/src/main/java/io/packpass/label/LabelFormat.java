package io.packpass.label;

import java.nio.file.Path;
import java.util.Locale;

/** Output formats, chosen by file extension. */
public enum LabelFormat {
  PNG("png"), SVG("svg"), PDF("pdf"), ZPL("zpl");

  private final String extension;

  LabelFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public static LabelFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (LabelFormat f : values()) {
      if (name.endsWith("." + f.extension)) {
        return f;
      }
    }
    throw new LabelException(file + ": unknown label format; the file name must end in .png, .svg, .pdf or .zpl");
  }
}

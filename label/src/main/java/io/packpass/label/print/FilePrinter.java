package io.packpass.label.print;

import io.packpass.label.print.PrinterException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** "Printing" into a file, for previews and for jobs carried to a printer: written whole or not at all. */
public final class FilePrinter implements Printer {
  private final Path file;

  public FilePrinter(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return "file:" + file;
  }

  @Override
  public void send(byte[] job) {
    Path absolute = file.toAbsolutePath();
    Path temp = null;
    try {
      temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
      Files.write(temp, job);
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new PrinterException(Kind.REFUSED, "cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the rename happened, or the temporary file is already gone
        }
      }
    }
  }
}

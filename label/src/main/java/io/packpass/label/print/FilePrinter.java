package io.packpass.label.print;

import io.packpass.label.print.PrinterException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * "Printing" into a file, for previews and for jobs carried to a printer later: each job is appended
 * in one write, as a printer's input stream would receive it, so a batch becomes one file of jobs.
 */
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
    try {
      Files.write(file, job, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new PrinterException(Kind.REFUSED, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

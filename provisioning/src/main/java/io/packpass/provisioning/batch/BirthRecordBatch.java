package io.packpass.provisioning.batch;

import io.packpass.core.cose.Signer;
import io.packpass.core.id.PassportId;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Signs the birth record ({@code seq} 0) of every pack of a batch and writes them as one
 * directory, atomically: everything goes into a hidden sibling directory first, which is renamed
 * into place only when complete, so a crash or Ctrl-C never leaves a half-written batch.
 *
 * <p>Written through {@link AtomicDirectory}. Layout: {@code births/<gtin>_<serial>.cose} (serial characters outside {@code A-Z a-z 0-9 . -}
 * percent-encoded), {@code index.csv} (passport, digital_link, file, sha256 of the COSE bytes),
 * and {@code rejects.csv} when rows were skipped.
 */
public final class BirthRecordBatch {
  /** Told after every signed record; the CLI draws its progress bar from it. */
  public interface Progress {
    void advanced(int done, int total);
  }

  /** What was written. */
  public record Written(Path directory, int records, int rejects) {
  }

  private BirthRecordBatch() {
  }

  public static Written write(ModelFile model, ItemsFile.Result items, Signer signer, String resolverBase, Clock clock,
      Path out, Progress progress) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<ItemsFile.Row> rows = items.rows();
    AtomicDirectory.create(out, directory -> {
      Path births = Files.createDirectories(directory.resolve("births"));
      try (Writer index = Files.newBufferedWriter(directory.resolve("index.csv"), StandardCharsets.UTF_8)) {
        index.write("passport,digital_link,file,sha256\n");
        for (int i = 0; i < rows.size(); i++) {
          ItemsFile.Row row = rows.get(i);
          SignedUpdate birth = SignedUpdate.sign(signer, new UpdatePayload(row.id(), 0, UpdatePayload.genesis(), now,
              UpdateKind.BIRTH, UpdateBody.birth(model.model(), row.item(), List.of()), Optional.empty()));
          String file = fileName(row.id());
          Files.write(births.resolve(file), birth.encoded());
          index.write(csv(row.id().elementString()) + "," + csv(row.id().digitalLink(resolverBase)) + ",births/" + file
              + "," + HexFormat.of().formatHex(birth.hash()) + "\n");
          progress.advanced(i + 1, rows.size());
        }
      }
      if (!items.rejects().isEmpty()) {
        try (Writer rejects = Files.newBufferedWriter(directory.resolve("rejects.csv"), StandardCharsets.UTF_8)) {
          rejects.write("line,serial,reason\n");
          for (ItemsFile.Reject reject : items.rejects()) {
            rejects.write(reject.line() + "," + csv(reject.serial()) + "," + csv(reject.reason()) + "\n");
          }
        }
      }
    });
    return new Written(out, rows.size(), items.rejects().size());
  }

  /** {@code <gtin>_<serial>.cose}, the serial made safe for every file system. */
  public static String fileName(PassportId id) {
    StringBuilder name = new StringBuilder(id.gtin().digits()).append('_');
    for (byte b : id.serial().value().getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return name.append(".cose").toString();
  }

  static String csv(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}

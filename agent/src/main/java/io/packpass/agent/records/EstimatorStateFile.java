package io.packpass.agent.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.packpass.agent.estimate.EstimatorState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The estimator's state beside the journal ({@code estimator-state.json}), written atomically (temp
 * file, fsync, rename) after every signed reading, so a restart resumes the counters where the last
 * signed update left them instead of at zero (which the chain would refuse as a rollback). JSON
 * because it is a recovery aid a person may need to read, not a signed record.
 */
public final class EstimatorStateFile {
  private static final Logger LOG = LoggerFactory.getLogger(EstimatorStateFile.class);
  static final String NAME = "estimator-state.json";
  static final long MAX_BYTES = 4L << 20;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new Jdk8Module())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final Path file;

  public EstimatorStateFile(Path dir) {
    this.file = dir.resolve(NAME);
  }

  /** The saved state, or empty when there is none or it cannot be read (logged: the estimator starts fresh). */
  public Optional<EstimatorState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        LOG.warn("{} is larger than {} bytes; ignored, the estimator starts fresh", file, MAX_BYTES);
        return Optional.empty();
      }
      return Optional.of(JSON.readValue(file.toFile(), EstimatorState.class));
    } catch (IOException e) {
      LOG.warn("{} unreadable ({}); the estimator starts fresh", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Replaces the saved state with {@code state}, durably. */
  public void save(EstimatorState state) {
    Path tmp = file.resolveSibling(NAME + ".tmp");
    try {
      byte[] bytes = JSON.writeValueAsBytes(state);
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp); // a half-written temporary file must not take the space a retry needs
      } catch (IOException ignored) {
        // nothing more to do: the next save truncates it
      }
      throw new RecordsException("cannot save the estimator state to " + file + ": " + e.getMessage(), e);
    }
  }
}

package io.packpass.agent.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment file naming and header: {@code journal-<first seq, 20 digits>.ppj}, starting with the 8
 * bytes {@code PPJOUR01} so a stray file is never taken for a segment.
 */
final class SegmentFile {
  static final byte[] HEADER = "PPJOUR01".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = HEADER.length;
  private static final Pattern NAME = Pattern.compile("journal-(\\d{20})\\.ppj");

  private SegmentFile() {
  }

  static String name(long firstSeq) {
    return String.format("journal-%020d.ppj", firstSeq);
  }

  /** The first seq a segment file name promises, or empty for a file that is not a segment. */
  static Optional<Long> firstSeq(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }
}

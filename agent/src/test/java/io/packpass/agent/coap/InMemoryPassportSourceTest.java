package io.packpass.agent.coap;

import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class InMemoryPassportSourceTest extends PassportSourceContract {
  static CoapTestPki pki;

  @BeforeAll
  static void pki(@TempDir Path dir) {
    pki = new CoapTestPki(dir);
  }

  @Override
  Fixture fixture() {
    InMemoryPassportSource source = pki.source(READINGS);
    return new Fixture() {
      @Override
      public PassportSource source() {
        return source;
      }

      @Override
      public void appendReading(Instant time) {
        Instant t = time.truncatedTo(ChronoUnit.SECONDS);
        source.appendSigned(UpdateKind.READING, UpdateBody.reading(SamplePassports.evReading(t, 9_000, 200)),
            Optional.empty());
      }
    };
  }
}

package io.packpass.agent.coap;

import io.packpass.agent.identity.DeviceIdentity;
import io.packpass.agent.identity.PrivateKeyFile;
import io.packpass.agent.journal.Journal;
import io.packpass.agent.journal.JournalOptions;
import io.packpass.agent.records.PassportLog;
import io.packpass.core.passport.Condition;
import io.packpass.core.sample.SamplePassports;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.CertificateText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The journal-backed source: a real {@link PassportLog} on a real {@link Journal} with the device identity. */
class PassportLogSourceTest extends PassportSourceContract {
  static CoapTestPki pki;
  static Path files;
  @TempDir
  Path journalDir;
  Journal journal;

  @BeforeAll
  static void pki(@TempDir Path dir) throws Exception {
    pki = new CoapTestPki(dir);
    files = dir;
    PrivateKeyFile.create(dir.resolve("device.key"), pki.deviceKey);
    Files.writeString(dir.resolve("device.pem"), CertificateText.pem(pki.device.chain()));
    Files.writeString(dir.resolve("root.pem"), CertificateText.pem(List.of(pki.root())));
    // DeviceIdentity checks the birth record's signer at the birth time (10 days ago) against this CRL,
    // so the CRL must already have been current then: issued 20 days ago, valid 60 days.
    CaStore past = CaStore.open(pki.ca.directory(), CoapTestPki.PASSPHRASE,
        Clock.fixed(Instant.now().minus(Duration.ofDays(20)), ZoneOffset.UTC));
    Files.writeString(dir.resolve("crl.pem"), CertificateText.pem(past.crl(Duration.ofDays(60))));
  }

  @AfterEach
  void close() {
    journal.close();
  }

  @Override
  Fixture fixture() {
    DeviceIdentity identity = DeviceIdentity.load(files.resolve("device.key"), files.resolve("device.pem"),
        files.resolve("root.pem"), Optional.of(files.resolve("crl.pem")), pki.passport, Instant.now());
    journal = Journal.open(journalDir, JournalOptions.DEFAULT.withFsync(false));
    PassportLog log = PassportLog.open(journal, identity, pki.birth(), Clock.systemUTC());
    for (int i = 1; i <= READINGS; i++) {
      log.appendReading(SamplePassports.evReading(CoapTestPki.BORN.plus(Duration.ofHours(i)), 9_800 - i, i),
          Optional.empty());
    }
    Condition now = SamplePassports.evReading(Instant.now(), 9_400, 123);
    PassportLogSource source = new PassportLogSource(log, () -> Optional.of(now), () -> 2);
    return new Fixture() {
      @Override
      public PassportSource source() {
        return source;
      }

      @Override
      public void appendReading(Instant time) {
        log.appendReading(SamplePassports.evReading(time, 9_000, 200), Optional.empty());
      }
    };
  }
}

package io.packpass.cli;

import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.passport.EventType;
import io.packpass.core.passport.NegativeEvent;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * What {@code verify} reads, made with throwaway keys: the manufacturer's and the device's public
 * keys as PEM and a chain of signed updates (birth, monthly readings, one event) as .cose files.
 */
final class SignedFiles {
  private SignedFiles() {
  }

  static void write(Path dir, int months) throws IOException {
    Files.createDirectories(dir);
    SecureRandom random = new SecureRandom();
    SoftwareSigner manufacturer = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
    SoftwareSigner device = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
    Instant born = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30L * months + 1));
    List<SignedUpdate> updates = new ArrayList<>();
    updates.add(SignedUpdate.sign(manufacturer, new UpdatePayload(SamplePassports.evId(), 0, UpdatePayload.genesis(),
        born, UpdateKind.BIRTH, UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()),
        Optional.empty())));
    for (int month = 1; month <= months; month++) {
      Instant time = born.plus(Duration.ofDays(30L * month));
      SignedUpdate last = updates.get(updates.size() - 1);
      updates.add(SignedUpdate.sign(device, new UpdatePayload(SamplePassports.evId(), updates.size(), last.hash(), time,
          UpdateKind.READING, UpdateBody.reading(SamplePassports.evReading(time, 10_000 - 100L * month, 30L * month)),
          Optional.empty())));
      if (month == 1) {
        SignedUpdate reading = updates.get(updates.size() - 1);
        updates.add(SignedUpdate.sign(device, new UpdatePayload(SamplePassports.evId(), updates.size(), reading.hash(),
            time.plusSeconds(3_600), UpdateKind.EVENT, UpdateBody.events(List.of(new NegativeEvent(
                EventType.DEEP_DISCHARGE, time.plusSeconds(1_800), Optional.of("lowest cell 2.41 V")))),
            Optional.empty())));
      }
    }
    writePublicKey(dir.resolve("manufacturer.pub.pem"), manufacturer.verificationKey());
    writePublicKey(dir.resolve("device.pub.pem"), device.verificationKey());
    for (SignedUpdate u : updates) {
      Files.write(dir.resolve(String.format("update-%03d.cose", u.payload().seq())), u.encoded());
    }
  }

  private static void writePublicKey(Path file, VerificationKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (PemWriter pem = new PemWriter(text)) {
      pem.writeObject(new PemObject("PUBLIC KEY", key.subjectPublicKeyInfo()));
    }
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }
}

package io.packpass.provisioning.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.packpass.core.cose.Signer;
import io.packpass.core.id.DigitalLink;
import io.packpass.core.id.IdentifierException;
import io.packpass.core.passport.Passport;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.label.LabelContent;
import io.packpass.label.LabelException;
import io.packpass.label.LabelFormat;
import io.packpass.label.LabelSpec;
import io.packpass.label.Labels;
import io.packpass.label.QrTooLargeException;
import io.packpass.label.zpl.ZplRenderer.QrMode;
import io.packpass.provisioning.ProvisioningException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * First labels for a batch of birth records, signed by the passport signer (key id only: the
 * manufacturer publishes that certificate with its root, so a dismantler checks the label offline).
 *
 * <p>Reads {@code BIRTHS/index.csv} (from {@link BirthRecordBatch}), checks each birth record against
 * the passport signer, and writes into a new directory, atomically: {@code labels/<gtin>_<serial>.<ext>},
 * {@code index.csv} (passport, file, whether signed) and {@code label-trust.pem} (root, issuing CA,
 * passport signer: the file to publish for {@code packpass verify-label}).
 */
public final class LabelBatch {
  /** One label made: what the CLI reports and, with --print, sends. */
  public record Made(DigitalLink link, String file, boolean signed, byte[] zpl) {
  }

  /** Told after each label. */
  public interface Progress {
    void advanced(int done, int total);
  }

  /** Whether the QR codes carry the passport signer's signature. */
  public enum Signature {
    /** Signed where every label of the batch still fits, else link only (and a notice says so). */
    AUTO,
    /** Signed (key id only), or an error with the limit. */
    KID,
    NONE
  }

  /** What the batch needs to sign and lay out; {@code print} also makes each label's ZPL job. */
  public record Options(LabelSpec spec, LabelFormat format, QrMode zplQr, Signature signature, boolean print) {
  }

  private LabelBatch() {
  }

  /** The birth records of {@code births} (a {@code passport create} output), each with its Digital Link. */
  public static List<DigitalLink> links(Path births) {
    Path index = births.resolve("index.csv");
    String text;
    try {
      text = Files.readString(index, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProvisioningException("cannot read " + index + ": " + e.getMessage() + " (give the output directory"
          + " of 'provision passport create' as --births)", e);
    }
    List<DigitalLink> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
      int line = 1;
      while (rows.hasNext()) {
        line++;
        String link = rows.next().get("digital_link");
        if (link == null) {
          throw new ProvisioningException(index + " line " + line + ": no digital_link column");
        }
        try {
          out.add(DigitalLink.parse(link));
        } catch (IdentifierException e) {
          throw new ProvisioningException(index + " line " + line + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProvisioningException p) {
        throw p;
      }
      throw new ProvisioningException(index + ": not a birth record index: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new ProvisioningException(index + ": no birth records listed");
    }
    return out;
  }

  /**
   * Checks every birth record, makes every label (nothing is written unless all fit), then writes them.
   *
   * @param trust root, issuing CA and passport signer certificates, for {@code label-trust.pem}
   */
  public static List<Made> write(Path births, List<DigitalLink> links, Signer signer, X509Certificate signerCertificate,
      String trustPem, Options options, Clock clock, Path out, Progress progress, Consumer<String> notices) {
    List<Passport> passports = new ArrayList<>(links.size());
    for (DigitalLink link : links) {
      SignedUpdate birth = BirthRecords.verified(births.resolve("births").resolve(BirthRecordBatch.fileName(link.id())),
          link.id(), signerCertificate);
      passports.add(UpdateBody.apply(Optional.empty(), birth.payload()));
    }
    List<Made> made;
    List<byte[]> files = new ArrayList<>(links.size());
    try {
      made = render(links, passports, options.signature() != Signature.NONE, signer, options, clock, files, progress);
    } catch (QrTooLargeException e) {
      if (options.signature() != Signature.AUTO) {
        throw new ProvisioningException(e.getMessage() + "; or use --signature none", e);
      }
      notices.accept("a signed label does not fit: " + e.getMessage() + "; the QR codes carry the Digital Link only");
      files.clear();
      made = render(links, passports, false, signer, options, clock, files, progress);
    }
    List<Made> done = made;
    AtomicDirectory.create(out, directory -> {
      Files.createDirectories(directory.resolve("labels"));
      try (Writer index = Files.newBufferedWriter(directory.resolve("index.csv"), StandardCharsets.UTF_8)) {
        index.write("passport,file,signed\n");
        for (int i = 0; i < done.size(); i++) {
          Files.write(directory.resolve(done.get(i).file()), files.get(i));
          index.write(BirthRecordBatch.csv(done.get(i).link().id().elementString()) + "," + done.get(i).file() + ","
              + done.get(i).signed() + "\n");
        }
      }
      Files.writeString(directory.resolve("label-trust.pem"), trustPem, StandardCharsets.US_ASCII);
    });
    return made;
  }

  private static List<Made> render(List<DigitalLink> links, List<Passport> passports, boolean sign, Signer signer,
      Options options, Clock clock, List<byte[]> files, Progress progress) {
    Labels labels = new Labels();
    Instant now = clock.instant();
    List<Made> made = new ArrayList<>(links.size());
    for (int i = 0; i < links.size(); i++) {
      DigitalLink link = links.get(i);
      Passport passport = passports.get(i);
      LabelContent content = sign
          ? LabelContent.signed(link, passport, signer, Optional.empty(), now) : LabelContent.unsigned(link, passport);
      try {
        files.add(labels.render(content, options.spec(), options.format(), options.zplQr()));
      } catch (QrTooLargeException e) {
        throw e;
      } catch (LabelException e) {
        throw new ProvisioningException(link.id() + ": " + e.getMessage(), e);
      }
      byte[] zpl = options.print() ? (options.format() == LabelFormat.ZPL ? files.get(i)
          : labels.render(content, options.spec(), LabelFormat.ZPL, options.zplQr())) : new byte[0];
      made.add(new Made(link, "labels/" + BirthRecordBatch.fileName(link.id()).replaceFirst("\\.cose$", "."
          + options.format().extension()), content.signature().isPresent(), zpl));
      progress.advanced(i + 1, links.size());
    }
    return made;
  }
}

package io.packpass.bench;

import io.packpass.agent.identity.DeviceCsr;
import io.packpass.core.cose.CoseAlgorithm;
import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.id.Gtin;
import io.packpass.core.id.PassportId;
import io.packpass.core.id.Serial;
import io.packpass.core.pki.TrustStore;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import io.packpass.provisioning.ca.IssuedCertificate;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fleet for the gateway benchmarks, made by provisioning's real CA: packs with device certificates,
 * each with a signed chain (birth record by the passport signer, then hourly readings of the sample EV
 * pack by the device key, each carrying its x5chain as the agent's do). Signed before any timing.
 */
final class GatewayBenchFleet {
  static final char[] PASSPHRASE = "bench".toCharArray();

  final TrustStore trust;
  final CaStore ca;
  /** Per pack, the exact COSE bytes of seq 0..n. */
  final List<List<byte[]>> chains = new ArrayList<>();

  GatewayBenchFleet(Path dir, int packs, int readingsPerPack) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CaStore.init(dir.resolve("ca"), CaOptions.defaults(), PASSPHRASE,
        Clock.fixed(now.minus(Duration.ofDays(400)), ZoneOffset.UTC));
    ca = CaStore.open(dir.resolve("ca"), PASSPHRASE, Clock.fixed(now.minus(Duration.ofDays(380)), ZoneOffset.UTC));
    trust = new TrustStore(List.of(ca.rootCertificate()), List.of(ca.crl(Duration.ofDays(400))));
    Instant born = now.minus(Duration.ofHours(readingsPerPack + 24L));
    SecureRandom random = new SecureRandom();
    for (int p = 0; p < packs; p++) {
      PassportId id = new PassportId(Gtin.parse("09521234000013"), new Serial("BENCH-" + p));
      SoftwareSigner key = SoftwareSigner.generate(CoseAlgorithm.EDDSA, random);
      IssuedCertificate cert = ca.enrollDevice(DeviceCsr.create(key, "pack " + p),
          id.digitalLink(SamplePassports.RESOLVER), Period.ofYears(5), false);
      SoftwareSigner device = key.withCertificateChain(der(cert.chain()));
      List<byte[]> chain = new ArrayList<>();
      SignedUpdate u = SignedUpdate.sign(ca.passportSigner(), new UpdatePayload(id, 0, UpdatePayload.genesis(), born,
          UpdateKind.BIRTH, UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()),
          Optional.empty()));
      chain.add(u.encoded());
      for (int seq = 1; seq <= readingsPerPack; seq++) {
        Instant t = born.plus(Duration.ofHours(seq));
        u = SignedUpdate.sign(device, new UpdatePayload(id, seq, u.hash(), t, UpdateKind.READING,
            UpdateBody.reading(SamplePassports.evReading(t, 9_800 - seq % 500, seq)), Optional.empty()));
        chain.add(u.encoded());
      }
      chains.add(chain);
    }
  }

  int total() {
    return chains.stream().mapToInt(List::size).sum();
  }

  /**
   * The packs of {@code share} (every {@code shares}-th pack from {@code share}) as one list in the
   * order a sync batch would carry them: seq 0 of each pack, then seq 1 of each, and so on.
   */
  List<byte[]> interleaved(int share, int shares) {
    List<byte[]> out = new ArrayList<>();
    int longest = chains.stream().mapToInt(List::size).max().orElse(0);
    for (int seq = 0; seq < longest; seq++) {
      for (int p = share; p < chains.size(); p += shares) {
        if (seq < chains.get(p).size()) {
          out.add(chains.get(p).get(seq));
        }
      }
    }
    return out;
  }

  private static List<byte[]> der(List<X509Certificate> chain) {
    List<byte[]> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      try {
        out.add(c.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}

package io.packpass.bench;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.provisioning.batch.BirthRecordBatch;
import io.packpass.provisioning.batch.ItemsFile;
import io.packpass.provisioning.batch.ModelFile;
import io.packpass.provisioning.ca.CaOptions;
import io.packpass.provisioning.ca.CaStore;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Load tool for the provisioning target: 10,000 packs (birth record + device certificate) in
 * under 10 s on 2 cores. Not JMH: one batch is one long operation, timed by the wall clock,
 * several rounds, median reported. The baseline, measured in the same run, is the bare Bouncy
 * Castle work the batch cannot avoid: one Ed25519 signature per birth record and one certificate
 * built and signed per device, with no validation, files or registry.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.packpass.bench.ProvisioningBatchBench [packs] [rounds]}
 */
public final class ProvisioningBatchBench {
  private ProvisioningBatchBench() {
  }

  public static void main(String[] args) throws Exception {
    int packs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path model = Path.of(args.length > 2 ? args[2] : "docs/examples/ev-nmc811-75kwh.yaml");
    System.out.printf("packs %d, rounds %d, cores %d, %s%n", packs, rounds, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.version"));

    // The device side (keys and CSRs) is made before any timing: devices make them, not provisioning.
    List<String> csrs = new ArrayList<>();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    for (int i = 0; i < packs; i++) {
      KeyPair keys = generator.generateKeyPair();
      var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=pack-" + i), keys.getPublic())
          .build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate()));
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(csr);
      }
      csrs.add(pem.toString());
    }
    StringBuilder items = new StringBuilder("gtin,serial,manufacturing_date\n");
    for (int i = 0; i < packs; i++) {
      items.append("09521234000013,B-").append(i).append(",2026-03-02\n");
    }

    double[] batch = new double[rounds];
    double[] raw = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      Path work = Files.createTempDirectory("packpass-bench");
      Path itemsFile = Files.writeString(work.resolve("items.csv"), items);
      char[] pass = "bench passphrase".toCharArray();
      CaStore ca = CaStore.init(work.resolve("ca"), CaOptions.defaults(), pass);

      long start = System.nanoTime();
      ModelFile modelFile = ModelFile.read(model);
      ItemsFile.Result rows = ItemsFile.read(itemsFile, modelFile.defaults(), LocalDate.of(2026, 11, 25));
      BirthRecordBatch.write(modelFile, rows, ca.passportSigner(), "https://id.packpass.example", Clock.systemUTC(),
          work.resolve("births"), (d, t) -> { });
      long births = System.nanoTime();
      List<CaStore.DeviceRequest> requests = new ArrayList<>();
      for (int i = 0; i < packs; i++) {
        requests.add(new CaStore.DeviceRequest(csrs.get(i), "https://id.packpass.example/01/09521234000013/21/B-" + i));
      }
      ca.enrollDevices(requests, Period.ofYears(10));
      long end = System.nanoTime();
      batch[round] = (end - start) / 1e9;
      System.out.printf("round %d: PackPass %.2f s (birth records %.2f s, device certificates %.2f s), %.0f packs/s%n",
          round + 1, batch[round], (births - start) / 1e9, (end - births) / 1e9, packs / batch[round]);

      raw[round] = rawBaseline(packs, csrs.size());
      System.out.printf("round %d: raw BC  %.2f s, %.0f packs/s%n", round + 1, raw[round], packs / raw[round]);
      deleteTree(work);
    }
    double medianBatch = median(batch);
    double medianRaw = median(raw);
    System.out.printf("median: PackPass %.2f s (%.0f packs/s), raw BC %.2f s, ratio raw/PackPass %.2f; target 10,000"
        + " packs < 10 s (this run: %d packs): %s%n", medianBatch, packs / medianBatch, medianRaw,
        medianRaw / medianBatch, packs, packs >= 10_000 && medianBatch < 10 ? "meets" : "not shown");
  }

  /** Bare crypto of the same batch: an Ed25519 signature per record, a signed certificate per device. */
  private static double rawBaseline(int packs, int devices) throws Exception {
    KeyPair issuer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    SoftwareSigner signer = SoftwareSigner.generate(io.packpass.core.cose.CoseAlgorithm.EDDSA,
        new java.security.SecureRandom());
    byte[] record = new byte[1_500];
    KeyPair subject = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    var contentSigner = new JcaContentSignerBuilder("Ed25519")
        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(issuer.getPrivate());
    long start = System.nanoTime();
    for (int i = 0; i < packs; i++) {
      record[i % record.length]++;
      signer.sign(record);
    }
    Instant now = Instant.now();
    for (int i = 0; i < devices; i++) {
      new JcaX509v3CertificateBuilder(new X500Name("CN=issuer"), BigInteger.valueOf(i + 1L), Date.from(now),
          Date.from(now.plus(Duration.ofDays(3650))), new X500Name("CN=pack-" + i), subject.getPublic())
          .build(contentSigner).getEncoded();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

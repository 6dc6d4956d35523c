package io.packpass.bench;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.cose.VerificationKey;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdatePayload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * PackPass's own path for the typical update, per signature algorithm: {@link #encodeAndSign} and
 * {@link #parseAndVerify}. Each subclass adds the raw Bouncy Castle baseline over the exact
 * ToBeSigned bytes and signature of that COSE message, so that both sides do the same crypto work
 * in the same run and only PackPass's overhead separates them.
 *
 * <p>Defaults follow coap-cose.md §3.3 (at least 4 s warm-up): 5 × 2 s warm-up, 10 × 2 s
 * measured, one fork, one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public abstract class SignedUpdateBenchmark {
  private static final byte[] NO_EXTERNAL_AAD = new byte[0];

  SoftwareSigner signer;
  VerificationKey key;
  UpdatePayload payload;
  /** The COSE_Sign1 bytes of the typical update, as they travel. */
  byte[] encoded;
  /** Its Sig_structure, the bytes the signature covers. */
  byte[] toBeSigned;
  byte[] signature;

  abstract SoftwareSigner signer();

  /** Builds the raw baseline's key objects and checks it against the COSE message. */
  abstract void prepareRaw();

  @Setup
  public void prepare() {
    signer = signer();
    key = signer.verificationKey();
    payload = TypicalUpdate.payload();
    SignedUpdate update = SignedUpdate.sign(signer, payload);
    encoded = update.encoded();
    toBeSigned = update.cose().toBeSigned(NO_EXTERNAL_AAD);
    signature = update.cose().signature();
    System.out.println(signer.algorithm() + ": ToBeSigned " + toBeSigned.length + " bytes, COSE_Sign1 "
        + encoded.length + " bytes");
    check(SignedUpdate.parse(encoded).cose().verify(key), "the typical update does not verify");
    prepareRaw();
  }

  /** UpdatePayload → deterministic CBOR → COSE_Sign1 → the bytes that travel. */
  @Benchmark
  public byte[] encodeAndSign() {
    return SignedUpdate.sign(signer, payload).encoded();
  }

  /** The bytes that travel → structural checks and strict payload decoding → signature check. */
  @Benchmark
  public boolean parseAndVerify(Blackhole blackhole) {
    SignedUpdate update = SignedUpdate.parse(encoded);
    blackhole.consume(update.payload());
    return update.cose().verify(key);
  }

  static void check(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}

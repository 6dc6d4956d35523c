package io.packpass.agent.journal;

import io.packpass.core.cose.SoftwareSigner;
import io.packpass.core.sample.SamplePassports;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateBody;
import io.packpass.core.update.UpdateKind;
import io.packpass.core.update.UpdatePayload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A chain of real signed updates of the sample EV pack (birth, then readings), for journal tests. */
final class TestUpdates {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private final SoftwareSigner signer = SoftwareSigner.ed25519(new byte[32]);
  private long seq;
  private byte[] prev = UpdatePayload.genesis();

  /** The next update of the chain. */
  SignedUpdate next() {
    Instant time = T0.plusSeconds(60 * seq);
    UpdatePayload payload = seq == 0
        ? new UpdatePayload(SamplePassports.evId(), 0, prev, time, UpdateKind.BIRTH,
            UpdateBody.birth(SamplePassports.evModel(), SamplePassports.evItem(), List.of()), Optional.empty())
        : new UpdatePayload(SamplePassports.evId(), seq, prev, time, UpdateKind.READING,
            UpdateBody.reading(SamplePassports.evReading(time, 9500 - seq % 100, seq * 10)), Optional.empty());
    SignedUpdate u = SignedUpdate.sign(signer, payload);
    seq++;
    prev = u.hash();
    return u;
  }

  /** An update with the given seq and prev, outside the chain. */
  SignedUpdate with(long seq, byte[] prev) {
    UpdatePayload payload = new UpdatePayload(SamplePassports.evId(), seq, prev, T0, UpdateKind.READING,
        UpdateBody.reading(SamplePassports.evReading(T0, 9000, 1)), Optional.empty());
    return SignedUpdate.sign(signer, payload);
  }

  /** Appends {@code n} updates and returns the last. */
  SignedUpdate appendTo(Journal journal, int n) {
    SignedUpdate last = null;
    for (int i = 0; i < n; i++) {
      last = next();
      journal.append(last);
    }
    return last;
  }
}

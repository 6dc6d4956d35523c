package io.packpass.gateway.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Port: how a batch reaches the upstream registry's {@code /api/v1/sync}. The HTTPS adapter is in {@code gateway.http}. */
public interface SyncTransport {
  /** The registry's answer to one batch. */
  record Answer(int status, byte[] body, Optional<Duration> retryAfter) {
    public Answer {
      body = body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /**
   * Posts one CBOR sequence.
   *
   * @throws IOException when the registry cannot be reached or the connection breaks (retried)
   */
  Answer post(byte[] cborSequence) throws IOException;
}

package io.packpass.gateway.sync;

import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.Ingest.Incoming;
import io.packpass.gateway.verify.IngestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The receiving side of {@code POST /api/v1/sync}, apart from HTTP: splits the CBOR sequence, hands the
 * items to {@link Ingest} as one batch and answers with one {@link SyncAck} per item. Authentication
 * (a fleet role certificate) is the transport's job; the gateway's name only labels where updates came from.
 */
public final class SyncIntake {
  /** RFC 8742 media type of a request body. */
  public static final String REQUEST_TYPE = "application/cbor-seq";
  public static final String PATH = "/api/v1/sync";

  private final Ingest ingest;
  private final Limits limits;

  /**
   * @param maxBodyBytes largest request body
   * @param maxItems most items in one batch
   * @param maxItemBytes largest item (core's decoder limit applies on top)
   */
  public record Limits(int maxBodyBytes, int maxItems, int maxItemBytes) {
    public static final Limits DEFAULT = new Limits(16 * 1024 * 1024, 5_000, 64 * 1024);

    public Limits {
      if (maxBodyBytes < 1 || maxItems < 1 || maxItemBytes < 1) {
        throw new IllegalArgumentException("sync limits must be positive");
      }
    }
  }

  public SyncIntake(Ingest ingest, Limits limits) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public Limits limits() {
    return limits;
  }

  /**
   * @throws SyncFormatException when the body is not a CBOR sequence within the limits (nothing stored)
   * @throws io.packpass.gateway.verify.TrustUnavailableException, io.packpass.gateway.store.StoreException
   *     when the registry cannot judge or store now (nothing stored; the sender retries)
   */
  public List<SyncAck> receive(byte[] body, String gateway) {
    if (body.length > limits.maxBodyBytes()) {
      throw new SyncFormatException("a batch of " + body.length + " bytes is more than the " + limits.maxBodyBytes()
          + " allowed", true);
    }
    List<byte[]> items = CborSequence.split(body, limits.maxItems(), limits.maxItemBytes());
    List<Incoming> batch = new ArrayList<>(items.size());
    String source = "sync:" + gateway;
    for (byte[] item : items) {
      batch.add(new Incoming(item, source));
    }
    List<SyncAck> acks = new ArrayList<>(items.size());
    for (IngestResult result : ingest.ingest(batch)) {
      acks.add(SyncAck.of(result));
    }
    return acks;
  }
}

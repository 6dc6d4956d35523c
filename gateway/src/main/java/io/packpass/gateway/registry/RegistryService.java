package io.packpass.gateway.registry;

import io.packpass.core.id.PassportId;
import io.packpass.core.passport.Passport;
import io.packpass.core.passport.PassportView;
import io.packpass.core.passport.Role;
import io.packpass.core.update.SignedUpdate;
import io.packpass.core.update.UpdateFormatException;
import io.packpass.core.update.UpdateKind;
import io.packpass.gateway.store.LogRow;
import io.packpass.gateway.store.PassportRecord;
import io.packpass.gateway.store.RegistryStore;
import io.packpass.gateway.store.SohSample;
import io.packpass.gateway.store.StoredUpdate;
import io.packpass.gateway.verify.Ingest;
import io.packpass.gateway.verify.IngestResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry's HTTP side asks of the registry: records cut down for a role (always through
 * core's {@link PassportView#forRole}), pages of the device chain, the log and the SOH history, and
 * the two ways in besides the sync intake: a birth record (a repurposed or remanufactured battery's
 * new passport) and a log entry.
 */
public final class RegistryService {
  /** The largest page any listing answers. */
  public static final int MAX_PAGE = 500;

  private final RegistryStore store;
  private final RegistryLog log;
  private final Ingest ingest;
  private final String resolverBase;

  public RegistryService(RegistryStore store, RegistryLog log, Ingest ingest, String resolverBase) {
    this.store = Objects.requireNonNull(store, "store");
    this.log = Objects.requireNonNull(log, "log");
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.resolverBase = Objects.requireNonNull(resolverBase, "resolverBase");
  }

  public String resolverBase() {
    return resolverBase;
  }

  public Optional<PassportRecord> record(PassportId id) {
    return store.record(id);
  }

  /** The passport as {@code role} may read it. */
  public static Passport view(PassportRecord record, Role role) {
    return PassportView.forRole(record.passport(), role);
  }

  public List<PassportId> passportIds(Optional<PassportId> after, int limit) {
    return store.passportIds(after, clamp(limit));
  }

  public List<StoredUpdate> updates(PassportId id, long afterSeq, int limit) {
    return store.updates(id, afterSeq, clamp(limit));
  }

  public List<LogRow> log(PassportId id, long afterSeq, int limit, Optional<LogKind> kind) {
    return store.log(id, afterSeq, clamp(limit), kind);
  }

  public List<SohSample> sohHistory(PassportId id, long afterSeq, int limit) {
    return store.sohHistory(id, afterSeq, clamp(limit));
  }

  public List<SohSample> latestSoh(PassportId id, int limit) {
    return store.latestSoh(id, clamp(limit));
  }

  public LogResult submitLogEntry(byte[] cose, PassportId expected) {
    return log.submit(cose, expected);
  }

  /**
   * A birth record handed in directly (a successor's, Art. 77(7)): judged by the same ingest as the sync
   * intake. Only birth records come this way; readings come from the pack through a gateway.
   */
  public IngestResult submitBirth(byte[] cose, String source) {
    try {
      SignedUpdate update = SignedUpdate.parse(cose);
      if (update.payload().kind() != UpdateKind.BIRTH) {
        throw new IllegalArgumentException("only birth records are submitted here; a pack's " + update.payload().kind()
            + " updates reach the registry through its gateway (POST /api/v1/sync)");
      }
    } catch (UpdateFormatException e) {
      // judged (and quarantined as malformed) by the ingest, like any other bytes
    }
    return ingest.ingest(new Ingest.Incoming(cose, source));
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(MAX_PAGE, limit));
  }
}

package io.packpass.gateway.store;

import io.packpass.core.id.PassportId;
import java.time.Instant;
import java.util.Optional;

/** What the collector knows of one agent: which pack it serves, when it last answered, what went wrong last. */
public record AgentRecord(String address, Optional<PassportId> passport, Optional<Instant> lastSeen,
    Optional<String> lastError, Optional<Instant> lastErrorAt, long errors) {
}

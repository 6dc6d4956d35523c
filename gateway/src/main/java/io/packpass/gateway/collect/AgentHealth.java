package io.packpass.gateway.collect;

import io.packpass.core.id.PassportId;
import java.time.Instant;
import java.util.Optional;

/**
 * How collecting from one agent goes.
 *
 * @param lag how many updates the agent has that the store does not (from its last /soh notification)
 * @param failures consecutive failed rounds
 */
public record AgentHealth(String address, Optional<PassportId> passport, Optional<Instant> lastSeen, long lag,
    int failures, long errors, Optional<String> lastError) {
}

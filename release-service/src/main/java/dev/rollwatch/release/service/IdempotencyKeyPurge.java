package dev.rollwatch.release.service;

import dev.rollwatch.release.config.ReleaseConfig;
import dev.rollwatch.release.persistence.IdempotencyKeyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Forgets Idempotency-Keys older than {@code rollwatch.release.idempotency-retention}. */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private final IdempotencyKeyRepository keys;
    private final ReleaseConfig config;
    private final Clock clock;

    IdempotencyKeyPurge(IdempotencyKeyRepository keys, ReleaseConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return Panache.withTransaction(
                        () -> keys.delete("createdAt < ?1", clock.instant().minus(config.idempotencyRetention())))
                .replaceWithVoid();
    }
}

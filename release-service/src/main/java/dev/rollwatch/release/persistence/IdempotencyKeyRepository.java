package dev.rollwatch.release.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class IdempotencyKeyRepository
        implements PanacheRepositoryBase<IdempotencyKeyEntity, IdempotencyKeyEntity.Key> {}

package dev.rollwatch.executor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class QuarantineRepository implements PanacheRepositoryBase<QuarantinedArtifactEntity, String> {
}

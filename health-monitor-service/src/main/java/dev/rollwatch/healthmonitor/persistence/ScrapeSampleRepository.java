package dev.rollwatch.healthmonitor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class ScrapeSampleRepository implements PanacheRepositoryBase<ScrapeSampleEntity, Long> {

    /** A release's scrapes (every track) since {@code from}, oldest first. */
    public Uni<List<ScrapeSampleEntity>> since(String releaseId, Instant from) {
        return list("releaseId = ?1 and scrapedAt >= ?2", Sort.ascending("scrapedAt"), releaseId, from);
    }

    /** A release's scrapes (every track) stored after {@code after}, oldest first. */
    public Uni<List<ScrapeSampleEntity>> after(String releaseId, Instant after) {
        return list("releaseId = ?1 and scrapedAt > ?2", Sort.ascending("scrapedAt"), releaseId, after);
    }

    public Uni<Long> deleteBefore(String releaseId, Instant before) {
        return delete("releaseId = ?1 and scrapedAt < ?2", releaseId, before);
    }

    public Uni<Long> deleteRelease(String releaseId) {
        return delete("releaseId", releaseId);
    }

    /** Samples of releases nobody evaluates any more (ended while this instance was away). */
    public Uni<Long> deleteAllBefore(Instant before) {
        return delete("scrapedAt < ?1", before);
    }
}

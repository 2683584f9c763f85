package dev.rollwatch.release.persistence;

import dev.rollwatch.events.ReleaseState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class ReleaseRepository implements PanacheRepositoryBase<ReleaseEntity, String> {

    private static final Set<ReleaseState> TERMINAL = Arrays.stream(ReleaseState.values())
            .filter(ReleaseState::isTerminal)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReleaseState.class)));

    /**
     * Filters for listing releases.
     *
     * @param application only this application, if set
     * @param namespace   only this namespace, if set
     * @param state       only this state, if set
     * @param namespaces  only these namespaces (the caller's), or null for all
     */
    public record Filter(String application, String namespace, ReleaseState state, Set<String> namespaces) {}

    /**
     * A page of releases.
     *
     * @param items releases on this page, newest first
     * @param total releases matching the filter
     */
    public record Found(List<ReleaseEntity> items, long total) {}

    public Uni<Found> list(Filter filter, int page, int size) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.application() != null) {
            clauses.add("application = :application");
            params.and("application", filter.application());
        }
        if (filter.namespace() != null) {
            clauses.add("namespace = :namespace");
            params.and("namespace", filter.namespace());
        }
        if (filter.state() != null) {
            clauses.add("state = :state");
            params.and("state", filter.state());
        }
        if (filter.namespaces() != null) {
            clauses.add("namespace in :namespaces");
            params.and("namespaces", filter.namespaces());
        }
        String query = clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
        var found =
                find(query, Sort.descending("requestedAt").and("id"), params).page(Page.of(page, size));
        return found.list().flatMap(items -> found.count().map(total -> new Found(items, total)));
    }

    /** A release of the application in the namespace that has not ended yet, if any. */
    public Uni<ReleaseEntity> inFlight(String namespace, String application) {
        return find(
                        "namespace = ?1 and application = ?2 and state not in ?3",
                        Sort.ascending("requestedAt"),
                        namespace,
                        application,
                        TERMINAL)
                .firstResult();
    }

    /** Finished releases of an application since {@code from}, for DORA figures. */
    public Uni<List<ReleaseEntity>> finishedSince(String application, String namespace, Instant from) {
        Parameters params = Parameters.with("application", application).and("from", from);
        String query = "application = :application and finishedAt >= :from";
        if (namespace != null) {
            query += " and namespace = :namespace";
            params.and("namespace", namespace);
        }
        return list(query, params);
    }

    /** Number of releases in each state, for the releases-by-state gauge. */
    public Uni<Map<ReleaseState, Long>> countByState() {
        return getSession()
                .flatMap(session -> session.createQuery(
                                "select r.state, count(r) from ReleaseEntity r group by r.state", Object[].class)
                        .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (ReleaseState) r[0], r -> (Long) r[1])));
    }
}

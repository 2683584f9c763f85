package dev.rollwatch.notifier.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Releases and their consumed events. Every method runs in the caller's transaction. */
@ApplicationScoped
public class ReleaseStore {

    public Uni<NotifiedRelease> find(String releaseId) {
        return Panache.getSession().flatMap(session -> session.find(NotifiedRelease.class, releaseId));
    }

    public Uni<Void> persist(Object entity) {
        return Panache.getSession().flatMap(session -> session.persist(entity));
    }

    /** Events of the release that arrived before it was known, oldest first. */
    public Uni<List<NotificationEvent>> unplanned(String releaseId) {
        return Panache.getSession()
                .flatMap(session -> session.createQuery(
                                "from NotificationEvent where releaseId = :id and planned = false order by occurredAt, seq",
                                NotificationEvent.class)
                        .setParameter("id", releaseId)
                        .getResultList());
    }
}

package dev.rollwatch.notifier.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Releases and their consumed events. Every method runs in the caller's transaction. */
@ApplicationScoped
public class ReleaseStore {

    /**
     * Serialises everything planned for one release across topics and instances until the
     * transaction ends: without it an event for a release whose request commits at the same moment
     * could be parked as "release unknown" after the request's replay ran, and wait forever; and two
     * events could both update the release's view from the same old one.
     */
    public Uni<Void> lock(String releaseId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:id, 0))", Integer.class)
                .setParameter("id", releaseId)
                .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<NotifiedRelease> find(String releaseId) {
        return Panache.getSession().flatMap(session -> session.find(NotifiedRelease.class, releaseId));
    }

    public Uni<Void> persist(Object entity) {
        return Panache.getSession().flatMap(session -> session.persist(entity));
    }

    /** Events of the release that arrived before it was known, oldest first. */
    public Uni<List<NotificationEvent>> unplanned(String releaseId) {
        return Panache.getSession().flatMap(session -> session
                .createQuery("from NotificationEvent where releaseId = :id and planned = false order by occurredAt, seq",
                        NotificationEvent.class)
                .setParameter("id", releaseId)
                .getResultList());
    }
}

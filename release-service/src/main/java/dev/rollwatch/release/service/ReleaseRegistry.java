package dev.rollwatch.release.service;

import dev.rollwatch.eventing.AdvisoryLock;
import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.ReleaseLock;
import dev.rollwatch.eventing.inbox.Inbox;
import dev.rollwatch.eventing.outbox.Outbox;
import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.WatchCoverage;
import dev.rollwatch.events.validation.ImageReference;
import dev.rollwatch.release.persistence.IdempotencyKeyEntity;
import dev.rollwatch.release.persistence.IdempotencyKeyRepository;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseEventEntity;
import dev.rollwatch.release.persistence.ReleaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Registers releases: from the API (row, history, {@code release.requested} and status in one
 * transaction, idempotent per Idempotency-Key) or from a {@code release.requested} CI produced on
 * Kafka directly.
 */
@ApplicationScoped
public class ReleaseRegistry {

    /** Advisory-lock namespaces of their own, apart from the release locks: one idempotency key, one application. */
    private static final long IDEMPOTENCY_LOCKS = 0x524c4944L;

    private static final long APPLICATION_LOCKS = 0x524c4150L;

    private final ReleaseRepository releases;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final Quarantines quarantine;
    private final ReleaseHistory history;
    private final PendingEvents pending;
    private final StatusPublisher status;
    private final WatchPolicy watchPolicy;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Events events;
    private final Clock clock;

    ReleaseRegistry(
            ReleaseRepository releases,
            IdempotencyKeyRepository idempotencyKeys,
            Quarantines quarantine,
            ReleaseHistory history,
            PendingEvents pending,
            StatusPublisher status,
            WatchPolicy watchPolicy,
            Outbox outbox,
            Inbox inbox,
            Events events,
            Clock clock) {
        this.releases = releases;
        this.idempotencyKeys = idempotencyKeys;
        this.quarantine = quarantine;
        this.history = history;
        this.pending = pending;
        this.status = status;
        this.watchPolicy = watchPolicy;
        this.outbox = outbox;
        this.inbox = inbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The outcome of a create request.
     *
     * @param release  the release (new or the one created before)
     * @param replayed true when an earlier identical request already created it
     */
    public record Registration(ReleaseEntity release, boolean replayed) {}

    /**
     * Creates the release asked for through the API, or returns the one an identical earlier request
     * created.
     *
     * @param request        the validated request, with id, time and actor set
     * @param principal      the API key's name
     * @param idempotencyKey the client's retry key ({@code releaseId:<id>} when it chose the id), or
     *                       null when a retry could not be recognised anyway
     * @param requestHash    hash of the request body, to tell a retry from a different request
     */
    public Uni<Registration> create(
            ReleaseRequested request, String principal, String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Panache.withTransaction(() -> createNew(request, principal, null, requestHash));
        }
        // Two identical requests at once: the second waits for the first and replays it.
        return Panache.withTransaction(() -> AdvisoryLock.acquire(IDEMPOTENCY_LOCKS, principal + ":" + idempotencyKey)
                .chain(() -> idempotencyKeys.findById(new IdempotencyKeyEntity.Key(principal, idempotencyKey)))
                .flatMap(known -> known != null
                        ? replay(known, requestHash)
                        : createNew(request, principal, idempotencyKey, requestHash)));
    }

    private Uni<Registration> replay(IdempotencyKeyEntity known, String requestHash) {
        if (!known.requestHash.equals(requestHash)) {
            return Uni.createFrom()
                    .failure(new RequestConflictException(
                            RequestConflictException.Kind.KEY_REUSED,
                            "Idempotency-Key '" + known.idempotencyKey + "' was already used for a different request "
                                    + "(release " + known.releaseId + ")"));
        }
        return releases.findById(known.releaseId).map(release -> new Registration(release, true));
    }

    private Uni<Registration> createNew(
            ReleaseRequested request, String principal, String idempotencyKey, String requestHash) {
        return refuseQuarantined(request)
                .chain(() -> refuseWhileAnotherRuns(request))
                .chain(() -> releases.findById(request.releaseId()))
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom()
                                .failure(new RequestConflictException(
                                        RequestConflictException.Kind.ID_TAKEN,
                                        "release id '" + request.releaseId() + "' is already taken"));
                    }
                    CloudEvent<ReleaseRequested> requested = events.create(request);
                    return rememberKey(principal, idempotencyKey, requestHash, request.releaseId())
                            // Our own release.requested comes back to us from the topic: it is already applied.
                            .chain(() -> inbox.claim(requested.id(), Topics.RELEASE_REQUESTED))
                            .chain(() -> outbox.publish(requested))
                            .chain(() -> register(requested, "requested through the API by " + principal))
                            .map(release -> new Registration(release, false));
                });
    }

    private Uni<Void> rememberKey(String principal, String idempotencyKey, String requestHash, String releaseId) {
        if (idempotencyKey == null) {
            return Uni.createFrom().voidItem();
        }
        IdempotencyKeyEntity key = new IdempotencyKeyEntity();
        key.principal = principal;
        key.idempotencyKey = idempotencyKey;
        key.requestHash = requestHash;
        key.releaseId = releaseId;
        key.createdAt = clock.instant();
        return idempotencyKeys.persist(key).replaceWithVoid();
    }

    /**
     * One release of an application at a time: two would share its canary and fight over its traffic.
     * The lock makes two concurrent requests for the same application take turns.
     */
    private Uni<Void> refuseWhileAnotherRuns(ReleaseRequested request) {
        return AdvisoryLock.acquire(APPLICATION_LOCKS, request.namespace() + "/" + request.application())
                .chain(() -> releases.inFlight(request.namespace(), request.application()))
                .flatMap(running -> running == null
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .failure(new RequestConflictException(
                                        RequestConflictException.Kind.IN_FLIGHT,
                                        "release " + running.id + " of " + request.namespace() + "/"
                                                + request.application() + " is still " + running.state
                                                + ": wait until it ends, or abort it first")));
    }

    private Uni<Void> refuseQuarantined(ReleaseRequested request) {
        if (Boolean.TRUE.equals(request.quarantineOverride())) {
            return Uni.createFrom().voidItem();
        }
        return quarantine
                .findById(ImageReference.artifactIdentity(request.image()))
                .flatMap(quarantined -> quarantined == null
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .failure(new RequestConflictException(
                                        RequestConflictException.Kind.QUARANTINED,
                                        "image " + request.image() + " is quarantined: it was rolled back in release "
                                                + quarantined.releaseId
                                                + "; set quarantineOverride to release it anyway")));
    }

    /**
     * Registers a release CI produced on Kafka directly (already validated). If the id is taken,
     * the event is recorded against that release and ignored.
     */
    public Uni<Void> registerFromKafka(CloudEvent<ReleaseRequested> requested) {
        return ReleaseLock.acquire(requested.subject())
                .chain(() -> releases.findById(requested.subject()))
                .flatMap(existing -> existing == null
                        ? register(requested, "requested on Kafka by " + requested.source())
                                .replaceWithVoid()
                        : history.append(
                                        requested,
                                        ReleaseEventEntity.Effect.IGNORED,
                                        existing.state.name(),
                                        "release id already registered; request ignored")
                                .replaceWithVoid());
    }

    private Uni<ReleaseEntity> register(CloudEvent<ReleaseRequested> requested, String note) {
        WatchCoverage coverage = watchPolicy.coverageOf(requested.data());
        ReleaseEntity release = Releases.newEntity(requested.data(), coverage, clock.instant());
        String noted = coverage.watched() ? note : note + "; not watched by any metric source: " + coverage.reason();
        // Events of this release recorded as pending by other channels must be visible here.
        return ReleaseLock.acquire(release.id)
                .chain(() -> releases.persist(release))
                .chain(() -> history.append(
                        requested, ReleaseEventEntity.Effect.APPLIED, ReleaseState.PENDING.name(), noted))
                .chain(() -> status.publish(release, requested.type()))
                .chain(() -> pending.applyTo(release))
                .replaceWith(release);
    }
}

package dev.rollwatch.executor.service;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.persistence.RolloutRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Finds due work in the database (steps to apply, readiness to check, pauses that ended, restores)
 * and advances each release, one transaction per release. The database is the only memory: a
 * restarted or additional instance picks up exactly where the release stood, and SKIP LOCKED keeps
 * two instances off the same release. Polls with the shared {@link ReactiveWork.Poller}, a Vert.x
 * timer: the scheduler's one-second floor would slow every step and every rollback.
 */
@ApplicationScoped
public class RolloutPoller {

    private final RolloutRepository repository;
    private final RolloutDriver driver;
    private final StepEvents events;
    private final ExecutorConfig config;
    private final Clock clock;
    private final FailingReleases failing;
    private final AtomicInteger passesRunning = new AtomicInteger();
    private volatile ReactiveWork.Poller poller;
    private volatile Vertx vertx;

    RolloutPoller(
            RolloutRepository repository, RolloutDriver driver, StepEvents events, ExecutorConfig config, Clock clock) {
        this.repository = repository;
        this.driver = driver;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.failing = new FailingReleases(config.retryDelay());
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        poller = ReactiveWork.poll(vertx, "Rollout poller", config.pollInterval(), () -> true, this::pass);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts polling again after {@link #stop()}. */
    public void start() {
        poller.start();
    }

    /**
     * Stops polling, as a crashed or stopped instance would: nothing is advanced until
     * {@link #start()}; whatever is due waits in the database. A pass under way ends after the
     * release it is working on.
     */
    public void stop() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** True while a pass is running. */
    public boolean busy() {
        return passesRunning.get() > 0;
    }

    /** Whether the poller runs; false before the application started and after {@link #stop()}. */
    public boolean started() {
        return poller != null && poller.isStarted();
    }

    /** When the last pass completed; null before the application started. */
    public Instant lastCompleted() {
        return poller == null ? null : poller.lastCompleted();
    }

    /**
     * Advances due releases in {@code parallelism} lanes at once: most of a step is waiting on the
     * API server, so one lane would leave a burst of releases queued behind each other. Each lane
     * works on its own Vert.x context (its own session and transaction); SKIP LOCKED keeps two
     * lanes off one release. The lanes open only when a first look found something due, so an idle
     * instance asks the database once per pass, and every lane ends once one of them finds nothing.
     */
    private Uni<Integer> pass() {
        passesRunning.incrementAndGet();
        Pass pass = new Pass(config.batchSize());
        return ReactiveWork.<String>onOwnContext(vertx, () -> advanceNext(pass))
                .flatMap(first ->
                        first == null ? Uni.createFrom().item(0) : lanes(pass).map(n -> n + 1))
                .onTermination()
                .invoke(passesRunning::decrementAndGet);
    }

    private Uni<Integer> lanes(Pass pass) {
        List<Uni<Integer>> lanes = IntStream.range(0, config.parallelism())
                .mapToObj(lane -> ReactiveWork.<Integer>onOwnContext(vertx, () -> advanceDue(pass, 0)))
                .toList();
        return Uni.join()
                .all(lanes)
                .andCollectFailures()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    /** Advances due releases one after the other in this lane until the pass is drained or its batch used. */
    private Uni<Integer> advanceDue(Pass pass, int advanced) {
        return advanceNext(pass)
                .flatMap(id -> id == null ? Uni.createFrom().item(advanced) : advanceDue(pass, advanced + 1));
    }

    /** Advances the next due release in its own transaction; null when there was none (or the pass is over). */
    private Uni<String> advanceNext(Pass pass) {
        if (!started() || pass.drained || pass.budget.getAndDecrement() <= 0) {
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant();
        Set<String> skip = new HashSet<>(pass.picked); // a copy: the query must not see other lanes' additions mid-way
        skip.addAll(failing.leftAlone(now));
        String[] picked = new String[1];
        return Panache.withTransaction(() -> repository.lockNextDue(now, skip).flatMap(entity -> {
                    if (entity == null) {
                        return Uni.createFrom().<StepEvents.Published>nullItem();
                    }
                    picked[0] = entity.id;
                    // Taken now, not after the commit: another lane's next look must not pick it
                    // up again in this pass once its row lock is gone.
                    pass.picked.add(entity.id);
                    return driver.advance(entity);
                }))
                .map(published -> {
                    failing.lookupWorked();
                    if (published == null) {
                        pass.drained = true;
                        return null;
                    }
                    // Committed: only now are the steps logged and counted.
                    events.announce(published);
                    failing.succeeded(published.releaseId());
                    return published.releaseId();
                })
                .onFailure()
                .recoverWithUni(failure -> postpone(picked[0], failure));
    }

    /** What the lanes of one pass share: the releases taken, what is left of the batch, whether any lane ran dry. */
    private static final class Pass {
        final Set<String> picked = ConcurrentHashMap.newKeySet();
        final AtomicInteger budget;
        volatile boolean drained;

        Pass(int batchSize) {
            this.budget = new AtomicInteger(batchSize);
        }
    }

    /**
     * A release whose work failed unexpectedly is put back a little later (longer each time it fails
     * again), so it neither stalls the others nor spins. When even that cannot be written, this
     * instance still leaves it alone for the delay.
     */
    private Uni<String> postpone(String releaseId, Throwable failure) {
        if (releaseId == null) {
            failing.lookupFailed(failure);
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant();
        Duration delay = failing.failed(releaseId, failure, now);
        return Panache.withTransaction(() -> repository.postpone(releaseId, now.plus(delay), String.valueOf(failure)))
                .replaceWith(releaseId)
                .onFailure()
                .recoverWithItem(postponeFailure -> {
                    failing.postponeFailed(releaseId, postponeFailure);
                    return releaseId;
                });
    }
}

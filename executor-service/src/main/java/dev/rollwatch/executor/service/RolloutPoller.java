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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Finds due work in the database (steps to apply, readiness to check, pauses that ended, restores)
 * and advances each release. The database is the only memory: a restarted or additional instance
 * picks up exactly where the release stood. A release is claimed in a short transaction (SKIP LOCKED,
 * and not while another claimant's lease runs); its Kubernetes work then runs with no transaction
 * open, and the outcome is recorded in another short one ({@link RolloutDriver}). So a consumer never
 * waits for a step in flight, and a slow API server holds neither rows nor the next pass. Polls with
 * the shared {@link ReactiveWork.Poller}, a Vert.x timer: the scheduler's one-second floor would slow
 * every step and every rollback.
 */
@ApplicationScoped
public class RolloutPoller {

    private static final Logger LOG = Logger.getLogger(RolloutPoller.class);

    private final RolloutRepository repository;
    private final RolloutDriver driver;
    private final KubernetesWork kubernetes;
    private final StepEvents events;
    private final ExecutorConfig config;
    private final Clock clock;
    private final FailingReleases failing;
    private final AtomicInteger passesRunning = new AtomicInteger();
    /** Kubernetes work in flight on this instance: steps, and restores apart, so a restore never waits for a step. */
    private final AtomicInteger steps = new AtomicInteger();

    private final AtomicInteger restores = new AtomicInteger();
    private volatile ReactiveWork.Poller poller;
    private volatile Vertx vertx;

    RolloutPoller(
            RolloutRepository repository,
            RolloutDriver driver,
            KubernetesWork kubernetes,
            StepEvents events,
            ExecutorConfig config,
            Clock clock) {
        this.repository = repository;
        this.driver = driver;
        this.kubernetes = kubernetes;
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
     * Stops polling, as a crashed or stopped instance would: nothing more is claimed until
     * {@link #start()}; whatever is due waits in the database. Kubernetes work under way ends and is
     * recorded.
     */
    public void stop() {
        if (poller != null) {
            poller.stop();
        }
    }

    /** True while a pass or Kubernetes work of this instance is running. */
    public boolean busy() {
        return passesRunning.get() > 0 || steps.get() > 0 || restores.get() > 0;
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
     * Claims due releases one after the other, each in its own short transaction, until nothing is due,
     * the batch is used, or every Kubernetes slot is taken. A claim's Kubernetes work runs on its own
     * and is not waited for: a slow step holds its slot, never the pass.
     */
    private Uni<Integer> pass() {
        passesRunning.incrementAndGet();
        Pass pass = new Pass(config.batchSize());
        return claimDue(pass, 0).onTermination().invoke(passesRunning::decrementAndGet);
    }

    private Uni<Integer> claimDue(Pass pass, int claimed) {
        return ReactiveWork.<Boolean>onOwnContext(vertx, () -> claimNext(pass))
                .flatMap(found ->
                        found ? claimDue(pass, claimed + 1) : Uni.createFrom().item(claimed));
    }

    /** Claims the next due release; false when there was none (or the pass is over). */
    private Uni<Boolean> claimNext(Pass pass) {
        boolean restoreSlot = restores.get() < config.parallelism();
        boolean stepSlot = steps.get() < config.parallelism();
        if (!started() || !(restoreSlot || stepSlot) || pass.budget.getAndDecrement() <= 0) {
            return Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        Set<String> skip = new HashSet<>(pass.picked);
        skip.addAll(failing.leftAlone(now));
        String[] picked = new String[1];
        return Panache.withTransaction(() -> repository
                        .lockNextDue(now, skip, restoreSlot, stepSlot)
                        .flatMap(entity -> {
                            if (entity == null) {
                                return Uni.createFrom().<RolloutDriver.Claimed>nullItem();
                            }
                            picked[0] = entity.id;
                            // One piece of work per release and pass: what a claim made due waits for the next.
                            pass.picked.add(entity.id);
                            return driver.claim(entity);
                        }))
                .map(claimed -> {
                    failing.lookupWorked();
                    if (claimed instanceof RolloutDriver.Claimed.Done done) {
                        // Committed: only now are the steps logged and counted.
                        events.announce(done.published());
                        failing.succeeded(done.published().releaseId());
                    } else if (claimed instanceof RolloutDriver.Claimed.Leased leased) {
                        callKubernetes(leased.claim());
                    }
                    return claimed != null;
                })
                .onFailure()
                .recoverWithUni(failure -> postpone(picked[0], null, failure).replaceWith(picked[0] != null));
    }

    /**
     * Does a leased release's Kubernetes work, with no transaction open, then records its outcome in a
     * transaction of its own. Not waited for by the pass.
     */
    private void callKubernetes(Claim claim) {
        AtomicInteger slot = claim.restore() ? restores : steps;
        slot.incrementAndGet();
        ReactiveWork.<StepEvents.Published>onOwnContext(
                        vertx,
                        () -> kubernetes
                                .perform(claim)
                                .flatMap(recording -> Panache.withTransaction(() -> driver.record(claim, recording)))
                                .invoke(published -> {
                                    // Committed: only now are the steps logged and counted.
                                    events.announce(published);
                                    failing.succeeded(claim.releaseId());
                                })
                                .onFailure()
                                .recoverWithUni(failure -> postpone(claim.releaseId(), claim.owner(), failure)
                                        .replaceWith(StepEvents.Published.none(claim.releaseId()))))
                .onTermination()
                .invoke(slot::decrementAndGet)
                .subscribe()
                .with(done -> {}, failure -> LOG.errorf(failure, "Release %s: work ended badly", claim.releaseId()));
    }

    /** What one pass shares: the releases taken and what is left of the batch. */
    private static final class Pass {
        // Each claim runs on a context of its own, possibly on another event-loop thread.
        final Set<String> picked = ConcurrentHashMap.newKeySet();
        final AtomicInteger budget;

        Pass(int batchSize) {
            this.budget = new AtomicInteger(batchSize);
        }
    }

    /**
     * A release whose work failed unexpectedly is put back a little later (longer each time it fails
     * again), so it neither stalls the others nor spins, and the failed claim's lease ends. When even
     * that cannot be written, this instance still leaves it alone for the delay.
     */
    private Uni<String> postpone(String releaseId, String claimant, Throwable failure) {
        if (releaseId == null) {
            failing.lookupFailed(failure);
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant();
        Duration delay = failing.failed(releaseId, failure, now);
        return Panache.withTransaction(
                        () -> repository.postpone(releaseId, now.plus(delay), String.valueOf(failure), claimant))
                .replaceWith(releaseId)
                .onFailure()
                .recoverWithItem(postponeFailure -> {
                    failing.postponeFailed(releaseId, postponeFailure);
                    return releaseId;
                });
    }
}

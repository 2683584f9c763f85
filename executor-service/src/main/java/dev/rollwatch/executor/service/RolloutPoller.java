package dev.rollwatch.executor.service;

import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.persistence.RolloutRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Finds due work in the database (steps to apply, readiness to check, pauses that ended, restores)
 * and advances each release, one transaction per release. The database is the only memory: a
 * restarted or additional instance picks up exactly where the release stood, and SKIP LOCKED keeps
 * two instances off the same release.
 */
@ApplicationScoped
public class RolloutPoller {

    private static final Logger LOG = Logger.getLogger(RolloutPoller.class);

    private final RolloutRepository repository;
    private final RolloutDriver driver;
    private final ExecutorConfig config;
    private final Clock clock;
    private final AtomicBoolean polling = new AtomicBoolean(false);
    private volatile boolean stopped;
    private volatile Vertx vertx;
    private volatile long timer = -1;
    private volatile Instant lastPass;

    RolloutPoller(RolloutRepository repository, RolloutDriver driver, ExecutorConfig config, Clock clock) {
        this.repository = repository;
        this.driver = driver;
        this.config = config;
        this.clock = clock;
    }

    /** A Vert.x timer, not the scheduler: its one-second floor would slow every step and every rollback. */
    void onStart(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        start();
    }

    /** Starts polling (at application start; again after {@link #stop()}). */
    public synchronized void start() {
        stopped = false;
        lastPass = clock.instant();
        if (timer < 0) {
            long interval = Math.max(10, config.pollInterval().toMillis());
            timer = vertx.setPeriodic(interval, interval, id -> poll());
        }
    }

    /**
     * Stops polling, as a crashed or stopped instance would: nothing is advanced until
     * {@link #start()}; whatever is due waits in the database.
     */
    public synchronized void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** True while a pass is running. */
    public boolean busy() {
        return polling.get();
    }

    /** When the last pass ended (or polling started); null before the start. */
    public Instant lastPass() {
        return lastPass;
    }

    public boolean stopped() {
        return stopped;
    }

    private void poll() {
        if (stopped || !polling.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive needs a (duplicated) Vert.x context of its own for every unit of work.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> pass(new HashSet<>(), 0).subscribe().with(
                advanced -> {
                    lastPass = clock.instant();
                    polling.set(false);
                },
                failure -> {
                    polling.set(false);
                    LOG.warnf("Rollout poll pass failed, retrying on the next poll: %s", failure.toString());
                }));
    }

    /** Advances due releases one by one, each in its own transaction, up to the batch size. */
    private Uni<Integer> pass(Set<String> done, int advanced) {
        if (stopped || advanced >= config.batchSize()) {
            return Uni.createFrom().item(advanced);
        }
        String[] picked = new String[1];
        return Panache.withTransaction(() -> repository.lockNextDue(clock.instant(), done)
                        .flatMap(entity -> {
                            if (entity == null) {
                                return Uni.createFrom().<String>nullItem();
                            }
                            picked[0] = entity.id;
                            return driver.advance(entity).replaceWith(entity.id);
                        }))
                .onFailure().recoverWithUni(failure -> postpone(picked[0], failure))
                .flatMap(id -> {
                    if (id == null) {
                        return Uni.createFrom().item(advanced);
                    }
                    done.add(id);
                    return pass(done, advanced + 1);
                });
    }

    /**
     * A release whose work failed unexpectedly (a bug, the database going away) is put back a little
     * later, so it neither stalls the others nor spins.
     */
    private Uni<String> postpone(String releaseId, Throwable failure) {
        if (releaseId == null) {
            LOG.warnf("Looking for due releases failed, retrying on the next poll: %s", failure.toString());
            return Uni.createFrom().nullItem();
        }
        LOG.errorf(failure, "Advancing release %s failed; trying again in %s", releaseId, config.retryDelay());
        return Panache.withTransaction(() -> repository.postpone(releaseId,
                        clock.instant().plus(config.retryDelay()), String.valueOf(failure)))
                .onFailure().recoverWithNull()
                .replaceWith(releaseId);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }
}

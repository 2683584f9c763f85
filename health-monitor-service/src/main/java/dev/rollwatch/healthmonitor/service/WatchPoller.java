package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Finds due watches and evaluates them. Due times live in the database, so any instance resumes
 * any watch after a restart; claiming moves a watch's due time one interval on under
 * {@code FOR UPDATE SKIP LOCKED}, so two instances never claim the same window. An evaluation slower
 * than the interval can still overlap the next one on another instance; the evaluator drops whichever
 * verdict arrives after a newer window's. The shared poller, because the scheduler cannot go below one
 * second and an interval can be one second.
 */
@ApplicationScoped
public class WatchPoller {

    private static final Logger LOG = Logger.getLogger(WatchPoller.class);

    private final WatchRepository watches;
    private final WatchEvaluator evaluator;
    private final HealthConfig config;
    private final Clock clock;
    /** Watches being evaluated here; a slow source must not get a second evaluation of the same watch. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    private Vertx vertx;
    private volatile ReactiveWork.Poller poller;

    WatchPoller(WatchRepository watches, WatchEvaluator evaluator, HealthConfig config, Clock clock) {
        this.watches = watches;
        this.evaluator = evaluator;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        poller = ReactiveWork.poll(
                vertx,
                "Due watches",
                config.poller().interval(),
                () -> true,
                () -> claimDue().invoke(claimed -> claimed.forEach(this::evaluate)));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        // Stop before the pool closes under us; a claimed watch is due again one interval on.
        if (poller != null) {
            poller.stop();
        }
    }

    private boolean stopping() {
        return poller == null || !poller.isStarted();
    }

    /** Claims the due watches: moves each one's due time an interval on, in the same transaction. */
    Uni<List<Watches.Claimed>> claimDue() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> watches.lockDue(
                        now, config.poller().batchSize())
                .map(due -> due.stream()
                        .peek(w -> w.nextDueAt = nextDue(w, now))
                        .filter(w -> !inFlight.contains(w.releaseId))
                        .map(Watches::claimed)
                        .toList()));
    }

    /**
     * How often the previous version is measured before a switch, at most: a baseline needs two scrapes,
     * and a preview can be ready and switched to within seconds of the request, well inside a 10 s interval.
     */
    static final Duration PRE_SWITCH_INTERVAL = Duration.ofSeconds(1);

    /** The next due time on the interval grid; a watch that fell behind skips the missed windows. */
    static Instant nextDue(WatchEntity w, Instant now) {
        Duration interval = Duration.ofMillis(w.intervalMs);
        if (w.state == WatchState.WAITING_FOR_TRAFFIC && interval.compareTo(PRE_SWITCH_INTERVAL) > 0) {
            interval = PRE_SWITCH_INTERVAL;
        }
        Instant next = w.nextDueAt.plus(interval);
        return next.isAfter(now) ? next : now.plus(interval);
    }

    private void evaluate(Watches.Claimed claimed) {
        String releaseId = claimed.target().releaseId();
        if (stopping() || !inFlight.add(releaseId)) {
            return;
        }
        // Measuring and recording each get a fresh context: the source's HTTP callbacks may come
        // back on another one, and Hibernate Reactive needs its own for every unit of work.
        Uni<Void> work = claimed.preSwitch()
                ? onNewContext(() -> evaluator.measurePreSwitch(claimed))
                        .flatMap(baseline -> onNewContext(() -> evaluator.recordPreSwitch(claimed, baseline)))
                : onNewContext(() -> evaluator.judge(claimed))
                        .flatMap(verdict -> onNewContext(() -> evaluator.record(claimed, verdict)));
        work.subscribe().with(ignored -> inFlight.remove(releaseId), failure -> {
            inFlight.remove(releaseId);
            LOG.warnf(failure, "Evaluating release %s failed, retrying at its next due time", releaseId);
        });
    }

    private <T> Uni<T> onNewContext(Supplier<Uni<? extends T>> work) {
        return ReactiveWork.onOwnContext(vertx, work);
    }
}

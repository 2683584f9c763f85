package dev.rollwatch.rollback.service;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.rollback.config.RollbackConfig;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.ReleaseFacts;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.persistence.DecisionInputRepository;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Does the work whose time has come: deferred signals whose wait is over, manual-policy deadlines,
 * and restore checks. The due times live in the database, so a restarted (or another) instance picks
 * the work up; each item runs in its own transaction under its release's lock, so two instances
 * polling at once do it once. Polls with the shared {@link ReactiveWork.Poller} (the scheduler's
 * one-second floor would add up to a second to every restore check).
 */
@ApplicationScoped
public class DueWork {

    private static final Logger LOG = Logger.getLogger(DueWork.class);

    private final Decisions decisions;
    private final DecisionRepository decisionRows;
    private final DecisionInputRepository inputRows;
    private final ClusterReads cluster;
    private final RollbackConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private volatile ReactiveWork.Poller poller;

    DueWork(Decisions decisions, DecisionRepository decisionRows, DecisionInputRepository inputRows,
            ClusterReads cluster, RollbackConfig config, Clock clock, Vertx vertx) {
        this.decisions = decisions;
        this.decisionRows = decisionRows;
        this.inputRows = inputRows;
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        poller = ReactiveWork.poll(vertx, "Rollback due work", config.pollInterval(), () -> true, this::runOnce);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.stop();
        }
    }

    /** One pass over every kind of due work; each unit of database work runs on a Vert.x context of its own. */
    public Uni<Void> runOnce() {
        int limit = config.batchSize();
        return each(() -> inputRows.dueDeferred(clock.instant(), limit),
                        id -> Panache.withTransaction(() -> decisions.onDeferredDue(id)))
                .chain(() -> each(() -> decisionRows.dueDeadlines(clock.instant(), limit),
                        id -> Panache.withTransaction(() -> decisions.onDeadline(id))))
                .chain(() -> eachRelease(() -> decisionRows.dueChecks(clock.instant(), limit), this::check));
    }

    /**
     * Reads the cluster for one release outside any transaction (it may take a while, on a worker
     * thread), then applies what it found under the release's lock.
     */
    private Uni<Void> check(String releaseId) {
        return ReactiveWork.<ReleaseFacts>onOwnContext(vertx, () -> Panache.withSession(() -> decisions.facts(releaseId)))
                .chain(facts -> RestoreTarget.of(facts)
                        .map(target -> cluster.verify(target).onFailure().recoverWithItem(f ->
                                Finding.notVerified("cluster could not be read: " + ClusterReads.describe(f))))
                        .orElseGet(() -> Uni.createFrom().item(Finding.notVerified(
                                "the release's request was never received, so its objects cannot be located"))))
                .chain(finding -> ReactiveWork.<Void>onOwnContext(vertx,
                        () -> Panache.withTransaction(() -> decisions.onCheck(releaseId, finding))));
    }

    private Uni<Void> each(Supplier<Uni<List<String>>> due, Function<String, Uni<Void>> work) {
        return eachRelease(due, id -> ReactiveWork.onOwnContext(vertx, () -> work.apply(id)));
    }

    /** Runs {@code work} for each due release in turn; one failing does not hold up the others. */
    private Uni<Void> eachRelease(Supplier<Uni<List<String>>> due, Function<String, Uni<Void>> work) {
        return ReactiveWork.<List<String>>onOwnContext(vertx, () -> Panache.withSession(due)).chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String id : ids) {
                chain = chain.chain(() -> work.apply(id).onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Due work for release %s failed, retrying on the next poll: %s", id, failure.toString());
                    return Uni.createFrom().voidItem();
                }));
            }
            return chain;
        });
    }
}

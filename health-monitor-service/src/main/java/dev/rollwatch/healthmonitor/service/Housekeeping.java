package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.persistence.ScrapeSampleRepository;
import dev.rollwatch.healthmonitor.persistence.VerdictRepository;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Keeps the active-watches gauge current and old verdicts and scrapes pruned. */
@ApplicationScoped
public class Housekeeping {

    private final WatchRepository watches;
    private final VerdictRepository verdicts;
    private final ScrapeSampleRepository samples;
    private final HealthMetrics metrics;
    private final HealthConfig config;
    private final Clock clock;
    private volatile boolean stopped;

    Housekeeping(
            WatchRepository watches,
            VerdictRepository verdicts,
            ScrapeSampleRepository samples,
            HealthMetrics metrics,
            HealthConfig config,
            Clock clock) {
        this.watches = watches;
        this.verdicts = verdicts;
        this.samples = samples;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    Uni<Void> countActiveWatches() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(watches::countWatching)
                .invoke(metrics::activeWatches)
                .replaceWithVoid();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1m")
    Uni<Void> purgeOldVerdictsAndSamples() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> verdicts.purgeBefore(
                                clock.instant().minus(config.verdictRetention()))
                        .chain(() -> samples.deleteAllBefore(
                                clock.instant().minus(config.scrape().sampleRetention()))))
                .replaceWithVoid();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }
}

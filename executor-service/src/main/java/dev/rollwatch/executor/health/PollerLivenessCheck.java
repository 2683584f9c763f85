package dev.rollwatch.executor.health;

import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.service.RolloutPoller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The executor is alive while its poller completes passes: a wedged poller would leave every pause,
 * readiness deadline and rollback undone, so Kubernetes should restart the instance (another one,
 * or the restarted one, resumes the releases from the database). A poller that was stopped on
 * purpose (shutdown) is not wedged.
 */
@Liveness
@ApplicationScoped
public class PollerLivenessCheck implements HealthCheck {

    /** A pass can take long when the database is slow (it does not wait for Kubernetes); a stuck one takes longer. */
    private static final Duration MIN_LIMIT = Duration.ofMinutes(2);

    private final Supplier<Instant> lastCompleted;
    private final BooleanSupplier started;
    private final Duration limit;
    private final Clock clock;

    @Inject
    PollerLivenessCheck(RolloutPoller poller, ExecutorConfig config, Clock clock) {
        this(poller::lastCompleted, poller::started, config.pollInterval(), clock);
    }

    PollerLivenessCheck(Supplier<Instant> lastCompleted, BooleanSupplier started, Duration pollInterval, Clock clock) {
        this.lastCompleted = lastCompleted;
        this.started = started;
        Duration twentyPolls = pollInterval.multipliedBy(20);
        this.limit = twentyPolls.compareTo(MIN_LIMIT) > 0 ? twentyPolls : MIN_LIMIT;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant last = lastCompleted.get();
        boolean alive = !started.getAsBoolean()
                || (last != null && Duration.between(last, clock.instant()).compareTo(limit) < 0);
        return HealthCheckResponse.named("rollout-poller")
                .status(alive)
                .withData("lastPass", last == null ? "never" : last.toString())
                .withData("limit", limit.toString())
                .build();
    }
}

package dev.rollwatch.executor.health;

import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.service.RolloutPoller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The executor is alive while its poller completes passes: a wedged poller would leave every pause,
 * readiness deadline and rollback undone, so Kubernetes should restart the instance (another one,
 * or the restarted one, resumes the releases from the database).
 */
@Liveness
@ApplicationScoped
public class PollerLivenessCheck implements HealthCheck {

    /** A pass can take long when the API server is slow (timeouts, retries); a stuck one takes longer. */
    private static final Duration MIN_LIMIT = Duration.ofMinutes(2);

    private final RolloutPoller poller;
    private final ExecutorConfig config;
    private final Clock clock;

    PollerLivenessCheck(RolloutPoller poller, ExecutorConfig config, Clock clock) {
        this.poller = poller;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant last = poller.lastPass();
        Duration limit = max(MIN_LIMIT, config.pollInterval().multipliedBy(20));
        boolean alive = poller.stopped() || (last != null && Duration.between(last, clock.instant()).compareTo(limit) < 0);
        return HealthCheckResponse.named("rollout-poller").status(alive)
                .withData("lastPass", last == null ? "never" : last.toString())
                .withData("limit", limit.toString())
                .build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

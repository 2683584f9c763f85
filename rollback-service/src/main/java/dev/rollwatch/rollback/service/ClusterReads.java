package dev.rollwatch.rollback.service;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.verification.ClusterVerifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Reads the cluster off the event loop, bounded in time: a hung API server must not hold up the
 * poller. The caller turns a failed or timed-out read into a finding; the next check reads again.
 */
@ApplicationScoped
public class ClusterReads {

    private final ClusterVerifier verifier;

    ClusterReads(ClusterVerifier verifier) {
        this.verifier = verifier;
    }

    /** Bounded by a timeout, configurable as {@code dev.rollwatch.rollback.service.ClusterReads/verify/Timeout/value}. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public Uni<Finding> verify(RestoreTarget target) {
        return Uni.createFrom().item(() -> verifier.verify(target))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

package dev.rollwatch.rollback.service;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.verification.ClusterVerifier;
import dev.rollwatch.rollback.verification.kubernetes.KubernetesClusterVerifier;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

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

    /**
     * Why a read failed, in one line fit for a notice (it reaches Slack and the status page): the API's
     * status and message as the verifier words them, a timeout as such, anything else by its kind and
     * the first line of its message.
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException api) {
                return KubernetesClusterVerifier.describe(api);
            }
            if (t instanceof TimeoutException) {
                return "no answer within the read timeout";
            }
        }
        return failure.getClass().getSimpleName() + ": " + KubernetesClusterVerifier.firstLine(failure.getMessage());
    }

    /** Bounded by a timeout, configurable as {@code dev.rollwatch.rollback.service.ClusterReads/verify/Timeout/value}. */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    public Uni<Finding> verify(RestoreTarget target) {
        return Uni.createFrom()
                .item(() -> verifier.verify(target))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

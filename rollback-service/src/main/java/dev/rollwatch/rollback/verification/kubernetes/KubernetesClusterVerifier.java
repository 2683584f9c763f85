package dev.rollwatch.rollback.verification.kubernetes;

import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.ClusterView;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import dev.rollwatch.rollback.verification.ClusterVerifier;
import dev.rollwatch.rollback.verification.ReleaseMarks;
import dev.rollwatch.rollback.verification.StableDeploymentCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Verifies a restore against the cluster: the stable Deployment is restored and available, and the
 * release's traffic router sends it all traffic. An API error is a finding, not an exception: the
 * next check reads again, and the deadline decides.
 */
public final class KubernetesClusterVerifier implements ClusterVerifier {

    private final ClusterView cluster;
    private final TrafficChecks traffic;
    private final ReleaseMarks marks;

    public KubernetesClusterVerifier(KubernetesClient client, TrafficChecks traffic) {
        this(new Fabric8ClusterView(client), traffic);
    }

    KubernetesClusterVerifier(ClusterView cluster, TrafficChecks traffic) {
        this.cluster = cluster;
        this.traffic = traffic;
        this.marks = new ReleaseMarks(traffic);
    }

    /** The restore's state; when it is not verified, with the objects other releases have marked. */
    @Override
    public Finding verify(RestoreTarget target) {
        ClusterView pass = new ReadOnce(cluster);
        Finding finding = restore(target, pass);
        if (finding.verified()) {
            return finding;
        }
        try {
            return finding.withClaims(marks.of(target, pass));
        } catch (KubernetesClientException e) {
            // The finding stands; the marks are read again at the next check.
            return finding;
        }
    }

    private Finding restore(RestoreTarget target, ClusterView cluster) {
        try {
            Finding stable =
                    StableDeploymentCheck.check(target, cluster.deployment(target.namespace(), target.deployment()));
            if (!stable.verified()) {
                return stable;
            }
            Finding routed = traffic.forTarget(target).allTrafficToStable(target, cluster);
            return routed.verified()
                    ? Finding.verified(stable.detail() + " and receiving 100% of traffic (" + routed.detail() + ")")
                    : routed;
        } catch (KubernetesClientException e) {
            return Finding.notVerified("cluster could not be read: " + describe(e));
        }
    }

    /** An API error for people: its HTTP status and the first line of its message, never a stack or a dump. */
    public static String describe(KubernetesClientException e) {
        return e.getCode() > 0 ? "HTTP " + e.getCode() + " " + firstLine(e.getMessage()) : firstLine(e.getMessage());
    }

    /** The first line of a message, at most 300 characters. */
    public static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}

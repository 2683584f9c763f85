package dev.rollwatch.benchmarks.throughput;

import dev.rollwatch.benchmarks.stats.Summary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Turns the releases' timelines into per-hop latency summaries. */
final class HopLatencies {

    private HopLatencies() {}

    /** The hops in path order; each is measured over the releases where both ends were observed. */
    static List<Hop> of(List<ReleaseTimes> releases) {
        return List.of(
                hop(
                        releases,
                        "api",
                        "request sent",
                        "202 Accepted",
                        "release-service (HTTP, validation, one " + "transaction with the outbox)",
                        ReleaseTimes::sent,
                        ReleaseTimes::accepted),
                hop(
                        releases,
                        "requested.relay",
                        "release.requested ce_time",
                        "release.requested on Kafka",
                        "release-service outbox relay",
                        ReleaseTimes::requestedTime,
                        ReleaseTimes::requestedKafka),
                hop(
                        releases,
                        "executor.start",
                        "release.requested on Kafka",
                        "canary Deployment created",
                        "executor-service (consume, plan, record stable state, first Kubernetes write)",
                        ReleaseTimes::requestedKafka,
                        ReleaseTimes::canaryCreated),
                hop(
                        releases,
                        "cluster.ready",
                        "canary Deployment created",
                        "canary pods ready",
                        "SIMULATED cluster (controller stand-in: 1.5 s readiness delay + its reconcile passes)",
                        ReleaseTimes::canaryCreated,
                        ReleaseTimes::canaryReady),
                hop(
                        releases,
                        "executor.step",
                        "canary pods ready",
                        "step.completed ce_time",
                        "executor-service (readiness check every 1 s, route traffic, commit)",
                        ReleaseTimes::canaryReady,
                        ReleaseTimes::stepTime),
                hop(
                        releases,
                        "step.relay",
                        "step.completed ce_time",
                        "step.completed on Kafka",
                        "executor-service outbox relay",
                        ReleaseTimes::stepTime,
                        ReleaseTimes::stepKafka),
                hop(
                        releases,
                        "status",
                        "step.completed on Kafka",
                        "release.status ce_time",
                        "release-service (consume, state machine, history)",
                        ReleaseTimes::stepKafka,
                        ReleaseTimes::statusTime),
                hop(
                        releases,
                        "status.relay",
                        "release.status ce_time",
                        "release.status on Kafka",
                        "release-service outbox relay",
                        ReleaseTimes::statusTime,
                        ReleaseTimes::statusKafka));
    }

    /** Request sent to the first step.completed on Kafka: what CI waits for before anything moves. */
    static Summary requestToFirstStep(List<ReleaseTimes> releases) {
        return between(releases, ReleaseTimes::sent, ReleaseTimes::stepKafka);
    }

    private static Hop hop(
            List<ReleaseTimes> releases,
            String name,
            String from,
            String to,
            String owner,
            Function<ReleaseTimes, Instant> start,
            Function<ReleaseTimes, Instant> end) {
        return new Hop(name, from, to, owner, between(releases, start, end));
    }

    static Summary between(
            List<ReleaseTimes> releases, Function<ReleaseTimes, Instant> start, Function<ReleaseTimes, Instant> end) {
        return Summary.of(releases.stream()
                .filter(r -> start.apply(r) != null && end.apply(r) != null)
                .map(r -> Duration.between(start.apply(r), end.apply(r)).toNanos() / 1e6)
                .filter(Objects::nonNull)
                .toList());
    }
}

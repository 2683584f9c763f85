package dev.rollwatch.benchmarks.throughput;

import java.time.Instant;

/**
 * Where one release was when, from the request to its first step on Kafka and the status that
 * followed. Any instant may be null when that point was not observed.
 *
 * @param sent            the client sent the request
 * @param accepted        the client had the 202
 * @param requestedTime   release.requested ce_time (set when the API accepted it)
 * @param requestedKafka  release.requested on Kafka (record timestamp)
 * @param canaryCreated   the canary Deployment appeared on the Kubernetes API
 * @param canaryReady     the cluster reported its pods ready
 * @param stepTime        first step.completed ce_time
 * @param stepKafka       first step.completed on Kafka
 * @param statusTime      release.status ce_time of the status that step produced
 * @param statusKafka     that status on Kafka
 */
record ReleaseTimes(
        Instant sent,
        Instant accepted,
        Instant requestedTime,
        Instant requestedKafka,
        Instant canaryCreated,
        Instant canaryReady,
        Instant stepTime,
        Instant stepKafka,
        Instant statusTime,
        Instant statusKafka) {}

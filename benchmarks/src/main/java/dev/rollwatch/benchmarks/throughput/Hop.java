package dev.rollwatch.benchmarks.throughput;

import dev.rollwatch.benchmarks.stats.Summary;

/**
 * The latency of one hop of a release's path, over all releases.
 *
 * @param hop      short name
 * @param from     where it starts
 * @param to       where it ends
 * @param owner    who spends the time (a service, the simulated cluster, the client)
 * @param latency  milliseconds
 */
public record Hop(String hop, String from, String to, String owner, Summary latency) {}

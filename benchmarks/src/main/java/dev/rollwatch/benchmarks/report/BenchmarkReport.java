package dev.rollwatch.benchmarks.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollwatch.benchmarks.footprint.FootprintResults;
import dev.rollwatch.benchmarks.judgement.JudgementResults;
import dev.rollwatch.benchmarks.rollback.RollbackResults;
import dev.rollwatch.benchmarks.throughput.ThroughputResults;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured: the root of {@code results/<timestamp>.json}. Durations are
 * milliseconds (fields ending in {@code Ms}) or seconds (ending in {@code Seconds}); memory is KiB;
 * instants are ISO-8601 UTC. A part that did not run is absent.
 *
 * @param format       version of this layout
 * @param startedAt    when the harness started
 * @param finishedAt   when it wrote this
 * @param machine      where it ran
 * @param loadAverage  1-minute load average at each phase boundary (other work on the machine shows here)
 * @param options      what was asked for (the command line, resolved)
 * @param rollback     time to rollback
 * @param throughput   concurrent releases and health-monitor capacity
 * @param footprint    start time and memory of each service
 * @param judgement    the health monitor's judge on synthetic series (no local system)
 * @param notes        what could not be measured, or limits what the figures mean
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchmarkReport(
        int format,
        Instant startedAt,
        Instant finishedAt,
        Machine machine,
        Map<String, Double> loadAverage,
        Map<String, Object> options,
        RollbackResults rollback,
        ThroughputResults throughput,
        FootprintResults footprint,
        JudgementResults judgement,
        List<String> notes) {

    public static final int FORMAT = 1;
}

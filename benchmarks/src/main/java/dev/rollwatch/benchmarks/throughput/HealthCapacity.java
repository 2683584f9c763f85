package dev.rollwatch.benchmarks.throughput;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How many in-flight releases one health-monitor instance evaluates at a 10 s interval, from its own
 * Micrometer counters sampled while every benchmark release was watched.
 *
 * @param watchesActive        releases the instance was watching ({@code rollwatch_health_watches_active})
 * @param intervalSeconds      each release's evaluation interval
 * @param requiredPerSecond    evaluations per second the watches need (watches / interval)
 * @param achievedPerSecond    evaluations per second it completed ({@code rollwatch_health_evaluations_total})
 * @param sampleSeconds        over how long
 * @param evaluations          evaluations completed in the sample
 * @param sourceErrors         windows the source could not measure, in the sample
 * @param verdicts             verdicts in the sample, by verdict
 * @param keepsUp              achieved >= 95% of required
 * @param releasesAtInterval   releases one instance evaluates at this interval: the watches when it
 *                             keeps up (a lower bound: it was not pushed further), else achieved x interval
 * @param lowerBound           true when {@code releasesAtInterval} is a lower bound
 * @param cpuCores             CPU each process group used during the sample, in cores (1.0 = one core
 *                             busy throughout); the machine has two
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCapacity(
        long watchesActive,
        double intervalSeconds,
        double requiredPerSecond,
        double achievedPerSecond,
        double sampleSeconds,
        long evaluations,
        long sourceErrors,
        Map<String, Long> verdicts,
        boolean keepsUp,
        long releasesAtInterval,
        boolean lowerBound,
        Map<String, Double> cpuCores) {

    static HealthCapacity of(
            long watches,
            double intervalSeconds,
            double sampleSeconds,
            long evaluations,
            long sourceErrors,
            Map<String, Long> verdicts,
            Map<String, Double> cpuCores) {
        double required = watches / intervalSeconds;
        double achieved = evaluations / sampleSeconds;
        boolean keepsUp = achieved >= 0.95 * required;
        long releases = keepsUp ? watches : (long) Math.floor(achieved * intervalSeconds);
        return new HealthCapacity(
                watches,
                intervalSeconds,
                required,
                achieved,
                sampleSeconds,
                evaluations,
                sourceErrors,
                verdicts,
                keepsUp,
                releases,
                keepsUp,
                cpuCores);
    }
}

package dev.rollwatch.benchmarks.throughput;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollwatch.benchmarks.stats.Summary;
import java.util.List;
import java.util.Map;

/**
 * Many concurrent releases through the API: how fast they are taken, how long until each one's first
 * step is done, where that time goes, and what one health-monitor instance keeps up with.
 *
 * @param setup               what was released and how
 * @param requested           releases submitted
 * @param accepted            answered 202
 * @param refused             refusals by HTTP status (0: no answer)
 * @param refusalExamples     a few refusal bodies
 * @param setupSeconds        creating the Deployments and waiting until the cluster reported them ready
 * @param submitSeconds       first request sent to last answer received
 * @param acceptedPerSecond   accepted / submitSeconds
 * @param firstStepOutcomes   first step.completed per accepted release, by outcome; "missing" if none came
 * @param allFirstStepsSeconds first request sent to the last first step.completed on Kafka
 * @param requestToFirstStep  per release: request sent to its first step.completed on Kafka
 * @param hops                per-hop latencies along that path
 * @param cpuCores            CPU each process group used from the first request to the last first step,
 *                            in cores (of 2): where the machine's time went while the releases started
 * @param health              the health monitor's evaluation capacity at a 10 s interval
 * @param notes               anything that limits what the figures mean
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThroughputResults(
        String setup,
        int requested,
        int accepted,
        Map<String, Integer> refused,
        List<String> refusalExamples,
        double setupSeconds,
        double submitSeconds,
        double acceptedPerSecond,
        Map<String, Integer> firstStepOutcomes,
        Double allFirstStepsSeconds,
        Summary requestToFirstStep,
        List<Hop> hops,
        Map<String, Double> cpuCores,
        HealthCapacity health,
        List<String> notes) {}

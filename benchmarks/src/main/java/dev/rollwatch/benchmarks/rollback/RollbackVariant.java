package dev.rollwatch.benchmarks.rollback;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollwatch.benchmarks.stats.Summary;
import java.util.List;
import java.util.Map;

/**
 * Time to rollback with one metric source, over its counted runs.
 *
 * @param source          scrape or prometheus
 * @param setup           the release, SLO and traffic the runs used
 * @param runsCounted     runs in the figures
 * @param runsFailed      runs that could not be measured (their error is in {@code runs})
 * @param timeToRollback  fault to 0% traffic on the Kubernetes API
 * @param firstDegraded   fault to the first DEGRADED window
 * @param detection       fault to health.degraded
 * @param decision        health.degraded to rollback.triggered
 * @param action          rollback.triggered to 0% traffic
 * @param verification    0% traffic to the rollback-service's restoreVerified (not part of the time to rollback)
 * @param notMeasured     why the variant did not run at all, if it did not
 * @param cpuCores        CPU each process group used over the variant's runs, in cores (of 2)
 * @param runs            every run, warm-ups included
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackVariant(
        String source,
        String setup,
        int runsCounted,
        int runsFailed,
        Summary timeToRollback,
        Summary firstDegraded,
        Summary detection,
        Summary decision,
        Summary action,
        Summary verification,
        String notMeasured,
        Map<String, Double> cpuCores,
        List<RollbackRun> runs) {

    static RollbackVariant of(String source, String setup, List<RollbackRun> runs, Map<String, Double> cpuCores) {
        List<RollbackRun> counted = runs.stream().filter(RollbackRun::counted).toList();
        int failed = (int) runs.stream().filter(r -> r.error() != null).count();
        return new RollbackVariant(
                source,
                setup,
                counted.size(),
                failed,
                Summary.of(counted.stream().map(RollbackRun::timeToRollbackMs).toList()),
                Summary.of(counted.stream().map(RollbackRun::firstDegradedMs).toList()),
                Summary.of(counted.stream().map(RollbackRun::detectionMs).toList()),
                Summary.of(counted.stream().map(RollbackRun::decisionMs).toList()),
                Summary.of(counted.stream().map(RollbackRun::actionMs).toList()),
                Summary.of(counted.stream().map(RollbackRun::verificationMs).toList()),
                null,
                cpuCores,
                runs);
    }

    static RollbackVariant notMeasured(String source, String why) {
        return new RollbackVariant(source, null, 0, 0, null, null, null, null, null, null, why, null, List.of());
    }
}

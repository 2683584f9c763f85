package dev.rollwatch.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.benchmarks.footprint.FootprintResults;
import dev.rollwatch.benchmarks.footprint.ServiceFootprint;
import dev.rollwatch.benchmarks.judgement.JudgementResults;
import dev.rollwatch.benchmarks.judgement.RateBound;
import dev.rollwatch.benchmarks.judgement.Scenario;
import dev.rollwatch.benchmarks.judgement.ScenarioResult;
import dev.rollwatch.benchmarks.judgement.Target;
import dev.rollwatch.benchmarks.rollback.RollbackResults;
import dev.rollwatch.benchmarks.rollback.RollbackRun;
import dev.rollwatch.benchmarks.rollback.RollbackVariant;
import dev.rollwatch.benchmarks.stats.Summary;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Instant START = Instant.parse("2026-11-22T01:02:03.456Z");

    static BenchmarkReport report() {
        RollbackRun run = new RollbackRun(
                1,
                false,
                "rel-1",
                "demo.local/shop:1.1-bench-scrape",
                START,
                START.plusMillis(2100),
                START.plusMillis(4100),
                START.plusMillis(4300),
                START.plusMillis(4800),
                START.plusMillis(4850),
                START.plusMillis(9800),
                "ROLLED_BACK",
                List.of("errorRate observed 0.2 > threshold 0.05"),
                2100.0,
                4100.0,
                200.0,
                500.0,
                4800.0,
                5000.0,
                null);
        RollbackRun failed = new RollbackRun(
                2,
                false,
                "rel-2",
                "img",
                START,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "the canary still took traffic 120s after the fault");
        Summary ttr = Summary.of(List.of(4800.0));
        RollbackVariant scrape = new RollbackVariant(
                "scrape",
                "canary at 10%",
                1,
                1,
                ttr,
                Summary.of(List.of(2100.0)),
                Summary.of(List.of(4100.0)),
                Summary.of(List.of(200.0)),
                Summary.of(List.of(500.0)),
                Summary.of(List.of(5000.0)),
                null,
                Map.of("health-monitor-service", 0.25),
                List.of(run, failed));
        RollbackVariant prometheus = new RollbackVariant(
                "prometheus",
                null,
                0,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                "No Prometheus binary at /nowhere",
                null,
                List.of());
        RollbackResults rollback = new RollbackResults(
                5000,
                true,
                List.of(scrape, prometheus),
                List.of(new RollbackResults.Comparison("Flagger", "documented defaults", 120)));
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("afterStart", 204_800L);
        FootprintResults footprint = new FootprintResults(
                "-Xmx256m",
                List.of("afterStart: ready"),
                List.of(new ServiceFootprint("release-service", 6_543.0, 3_210.0, rss, 210_000L)));
        return new BenchmarkReport(
                BenchmarkReport.FORMAT,
                START,
                START.plusSeconds(600),
                new Machine(2, "Test CPU", 24_000, "Linux", "Java 25"),
                Map.of("start", 0.5),
                Map.of("releases", 1000),
                rollback,
                null,
                footprint,
                null,
                List.of("a note"));
    }

    /** Only the judgement part ran: no system, so no other part. */
    static BenchmarkReport judgementOnly() {
        Map<Verdict, Long> verdicts = new LinkedHashMap<>();
        verdicts.put(Verdict.HEALTHY, 0L);
        verdicts.put(Verdict.DEGRADED, 10L);
        verdicts.put(Verdict.INSUFFICIENT_DATA, 30L);
        verdicts.put(Verdict.UNKNOWN, 10L);
        ScenarioResult detection = new ScenarioResult(
                "4",
                "errors at 5x the limit",
                Scenario.Kind.DETECTION,
                "10% errors",
                "detected within 5 s (p95)",
                Target.Status.MET,
                10,
                10,
                1,
                RateBound.upper95(10, 10),
                Summary.of(List.of(3000.0, 4000.0)),
                1.0,
                Summary.of(List.of(3000.0, 4000.0)),
                0,
                verdicts,
                50,
                0,
                Summary.of(List.of()),
                "error rate 9.3% > 2%",
                List.of(new ScenarioResult.Cause("errorRate (4x)", 10, "error rate 9.3% > 2%")));
        JudgementResults judgement = new JudgementResults(
                "canary at 10%", 1, 10, 2, 1.5, 50, 40.0, 33.3, List.of(detection), List.of("a judgement note"));
        return new BenchmarkReport(
                BenchmarkReport.FORMAT,
                START,
                START.plusSeconds(2),
                new Machine(2, "Test CPU", 24_000, "Linux", "Java 25"),
                Map.of("start", 0.5),
                Map.of("suites", List.of("judgement")),
                null,
                null,
                null,
                judgement,
                List.of());
    }

    @Test
    void theJudgementPartIsWrittenWithItsScenariosVerdictsAndTimes(@TempDir Path dir) throws IOException {
        JsonNode root = ReportWriter.JSON.readTree(Files.readString(ReportWriter.write(judgementOnly(), dir)));

        assertThat(root.has("rollback")).isFalse();
        JsonNode scenario = root.at("/judgement/scenarios/0");
        assertThat(scenario.path("id").asText()).isEqualTo("4");
        assertThat(scenario.path("kind").asText()).isEqualTo("DETECTION");
        assertThat(scenario.path("status").asText()).isEqualTo("MET");
        assertThat(scenario.at("/rollbackAtMs/p90").asDouble()).isEqualTo(3900.0);
        assertThat(scenario.at("/verdicts/INSUFFICIENT_DATA").asLong()).isEqualTo(30);
        assertThat(scenario.at("/afterOnsetMs/max").asDouble()).isEqualTo(4000.0);
        assertThat(scenario.has("exampleBreach")).isTrue();
        assertThat(scenario.at("/breachCauses/0/cause").asText()).isEqualTo("errorRate (4x)");
        assertThat(scenario.at("/breachCauses/0/rollbacks").asInt()).isEqualTo(10);
        assertThat(scenario.path("firstWarningMs").has("median")).isFalse();
        assertThat(root.at("/judgement/judgeMicrosPerEvaluation").asDouble()).isEqualTo(40.0);
    }

    @Test
    void writesJsonAndMarkdownNamedByTheStartInstant(@TempDir Path dir) throws IOException {
        Path json = ReportWriter.write(report(), dir);

        assertThat(json.getFileName().toString()).isEqualTo("2026-11-22T01-02-03Z.json");
        assertThat(dir.resolve("2026-11-22T01-02-03Z.md")).exists();
    }

    @Test
    void theJsonKeepsMillisecondsAsNumbersAndInstantsAsIsoText(@TempDir Path dir) throws IOException {
        JsonNode root = ReportWriter.JSON.readTree(Files.readString(ReportWriter.write(report(), dir)));

        assertThat(root.path("format").asInt()).isEqualTo(1);
        assertThat(root.path("startedAt").asText()).isEqualTo("2026-11-22T01:02:03.456Z");
        JsonNode scrape = root.at("/rollback/variants/0");
        assertThat(scrape.at("/timeToRollback/median").asDouble()).isEqualTo(4800.0);
        assertThat(scrape.path("timeToRollback").has("empty"))
                .as("only the documented fields")
                .isFalse();
        assertThat(scrape.at("/runs/0/detectionMs").asDouble()).isEqualTo(4100.0);
        assertThat(scrape.at("/runs/1/error").asText()).contains("still took traffic");
        assertThat(root.at("/rollback/variants/1/notMeasured").asText()).contains("No Prometheus binary");
        assertThat(root.has("throughput"))
                .as("a part that did not run is absent")
                .isFalse();
        assertThat(root.at("/footprint/services/0/residentKiB/afterStart").asLong())
                .isEqualTo(204_800);
    }
}

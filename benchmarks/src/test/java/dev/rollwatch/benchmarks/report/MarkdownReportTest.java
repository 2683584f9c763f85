package dev.rollwatch.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void showsTheFiguresTheGoalAndTheDocumentedComparisonAsNotMeasured() {
        String md = MarkdownReport.render(ReportWriterTest.report());

        assertThat(md)
                .contains("| scrape (1 s interval) | 1 (+1 failed) | 4.80 s | 4.80 s | 4.80 s | 4.80 s | 2.10 s "
                        + "| 4.10 s | 200 ms | 500 ms |");
        assertThat(md).contains("Goal, median under 5.00 s with the scrape source: **met**");
        assertThat(md).contains("NOT measured here").contains("| Flagger | documented defaults | about 2 min |");
        assertThat(md).contains("| prometheus | not measured: No Prometheus binary at /nowhere | | | | | | | | |");
        assertThat(md).contains("#2 not measured (the canary still took traffic 120s after the fault)");
        assertThat(md).contains("verified the restore on the cluster a median 5.00 s later");
        assertThat(md).contains("CPU over the scrape runs, in cores (of 2): health-monitor-service 0.25.");
    }

    @Test
    void showsMachineMemoryAndStartTime() {
        String md = MarkdownReport.render(ReportWriterTest.report());

        assertThat(md).contains("Machine: 2 cores (Test CPU)");
        assertThat(md).contains("| release-service | 6.54 s | 3.21 s | 200 MiB | – | – | 205 MiB |");
        assertThat(md).contains("- a note");
    }

    @Test
    void aJudgementOnlyRunSaysNoSystemWasStartedAndShowsTheJudgement() {
        String md = MarkdownReport.render(ReportWriterTest.judgementOnly());

        assertThat(md).contains("No local system was started").doesNotContain("Kafka, PostgreSQL");
        assertThat(md).contains("## Judgement").contains("| 4 | errors at 5x the limit | 10 | 100.0% | 3.5 s");
        assertThat(MarkdownReport.render(ReportWriterTest.report()))
                .contains("Kafka, PostgreSQL")
                .doesNotContain("## Judgement");
    }

    @Test
    void durationsBelowASecondAreInMilliseconds() {
        assertThat(MarkdownReport.duration(850.4)).isEqualTo("850 ms");
        assertThat(MarkdownReport.duration(1234.0)).isEqualTo("1.23 s");
        assertThat(MarkdownReport.duration(null)).isEqualTo("–");
    }
}

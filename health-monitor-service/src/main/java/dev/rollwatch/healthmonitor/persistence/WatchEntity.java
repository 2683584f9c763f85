package dev.rollwatch.healthmonitor.persistence;

import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.healthmonitor.domain.Verdict;
import dev.rollwatch.healthmonitor.domain.WatchState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A release's watch row; see the migrations (V1__watches.sql and later) for what each column means. */
@Entity
@Table(name = "watch")
public class WatchEntity {

    @Id
    @Column(name = "release_id")
    public String releaseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WatchState state;

    public String application;

    public String namespace;

    public String version;

    @Enumerated(EnumType.STRING)
    public Strategy.Type strategy;

    @Column(name = "source_type")
    public String sourceType;

    @Column(columnDefinition = "text")
    public String source;

    @Column(name = "max_error_rate")
    public Double maxErrorRate;

    @Column(name = "max_p95_latency_ms")
    public Double maxP95LatencyMs;

    @Column(name = "max_p99_latency_ms")
    public Double maxP99LatencyMs;

    @Column(name = "max_regression_ratio")
    public Double maxRegressionRatio;

    @Column(name = "min_requests")
    public Integer minRequests;

    @Column(name = "interval_ms")
    public Long intervalMs;

    @Column(name = "window_ms")
    public Long windowMs;

    @Column(name = "consecutive_failures")
    public Integer consecutiveFailures;

    @Column(name = "min_error_rate_increase")
    public Double minErrorRateIncrease;

    @Column(name = "min_latency_increase_ms")
    public Double minLatencyIncreaseMs;

    @Column(name = "canary_weight")
    public Integer canaryWeight;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "consecutive_degraded", nullable = false)
    public int consecutiveDegraded;

    @Column(name = "breach_started_at")
    public Instant breachStartedAt;

    @Column(name = "breach_reported", nullable = false)
    public boolean breachReported;

    @Column(nullable = false)
    public int breaches;

    @Column(name = "unjudged_since")
    public Instant unjudgedSince;

    @Column(name = "warning_raised", nullable = false)
    public boolean warningRaised;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_verdict")
    public Verdict lastVerdict;

    @Column(name = "last_reason", columnDefinition = "text")
    public String lastReason;

    @Column(name = "last_evaluated_at")
    public Instant lastEvaluatedAt;

    @Column(name = "last_window_end")
    public Instant lastWindowEnd;

    /** The weight whose HEALTHY verdict was announced (health.passed), or null. */
    @Column(name = "passed_weight")
    public Integer passedWeight;

    /** Pod failures within {@link #podFailureWindowMs} that condemn the new version; null on older rows. */
    @Column(name = "pod_max_failures")
    public Integer podMaxFailures;

    @Column(name = "pod_failure_window_ms")
    public Long podFailureWindowMs;

    /** What the release asked for when it cannot be judged; null for the default, hold. */
    @Enumerated(EnumType.STRING)
    @Column(name = "when_unjudged")
    public Slo.WhenUnjudged whenUnjudged;

    /** The judge's evidence so far (JSON of {@code JudgeState}), or null before the first verdict. */
    @Column(name = "judge_state", columnDefinition = "text")
    public String judgeState;

    @Column(nullable = false)
    public long evaluations;

    @Column(name = "watching_since")
    public Instant watchingSince;

    @Column(name = "end_reason", columnDefinition = "text")
    public String endReason;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}

package dev.rollwatch.healthmonitor.persistence;

import dev.rollwatch.healthmonitor.domain.Verdict;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One window's verdict with its evidence. */
@Entity
@Table(name = "window_verdict")
public class VerdictEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Verdict verdict;

    @Column(nullable = false)
    public long samples;

    @Column(name = "canary_weight")
    public Integer canaryWeight;

    @Column(nullable = false, columnDefinition = "text")
    public String reason;

    /** The checks made, as a JSON array of evidence. */
    @Column(nullable = false, columnDefinition = "text")
    public String evidence;
}

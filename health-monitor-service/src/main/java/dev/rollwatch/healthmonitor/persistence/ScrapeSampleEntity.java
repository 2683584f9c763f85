package dev.rollwatch.healthmonitor.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One scrape of one endpoint of a watched release. */
@Entity
@Table(name = "scrape_sample")
public class ScrapeSampleEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "release_id", nullable = false)
    public String releaseId;

    @Column(nullable = false)
    public String track;

    @Column(nullable = false)
    public String endpoint;

    @Column(name = "scraped_at", nullable = false)
    public Instant scrapedAt;

    @Column(nullable = false)
    public double requests;

    @Column(nullable = false)
    public double errors;

    /** Cumulative latency histogram as a JSON object of upper bound to count. */
    @Column(nullable = false, columnDefinition = "text")
    public String buckets;
}

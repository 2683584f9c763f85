package dev.rollwatch.benchmarks.footprint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One service's start time and memory.
 *
 * @param service          the service
 * @param startToReadyMs   its process start to its first 200 on {@code /q/health/ready} (PostgreSQL
 *                         migrated, Kafka connected), on a first start with an empty schema
 * @param quarkusStartedMs what Quarkus itself reports ("started in"), which leaves out JVM start
 * @param residentKiB      VmRSS by moment: afterStart, afterWarmup, afterLoad
 * @param peakResidentKiB  VmHWM (highest RSS) at the last sample
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceFootprint(
        String service,
        Double startToReadyMs,
        Double quarkusStartedMs,
        Map<String, Long> residentKiB,
        Long peakResidentKiB) {}

package dev.rollwatch.benchmarks.footprint;

import java.util.List;

/**
 * Start time and resident memory of each service.
 *
 * @param jvm      how the local system runs each service (heap limit, collector)
 * @param moments  what each memory moment means
 * @param services one entry per service
 */
public record FootprintResults(String jvm, List<String> moments, List<ServiceFootprint> services) {}

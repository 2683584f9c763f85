package dev.rollwatch.release.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The four DORA figures of one application over a period, from its recorded releases.
 *
 * @param application            the application
 * @param from                   start of the period
 * @param to                     end of the period
 * @param releases               releases that finished in the period
 * @param deployments            releases that succeeded in the period
 * @param deploymentsPerDay      successful deployments per day
 * @param leadTimeMedian         median time from commit to successful release (null when unknown)
 * @param leadTimeP90            90th percentile of the same
 * @param changeFailureRate      rolled-back releases over all finished releases (null when none)
 * @param rolledBack             releases rolled back in the period
 * @param timeToRestoreMedian    median time from first degradation to completed rollback (null when none)
 * @param timeToRestoreP90       90th percentile of the same
 */
public record DoraReport(
        String application,
        Instant from,
        Instant to,
        int releases,
        int deployments,
        double deploymentsPerDay,
        Duration leadTimeMedian,
        Duration leadTimeP90,
        Double changeFailureRate,
        int rolledBack,
        Duration timeToRestoreMedian,
        Duration timeToRestoreP90) {}

package dev.rollwatch.healthmonitor.domain.pods;

import java.time.Duration;

/**
 * When failing pods condemn the new version: the runbooks' "3 failed health checks within 2 minutes".
 *
 * @param maxFailures failures within the window that make a breach
 * @param window      how far back failures count
 */
public record PodPolicy(int maxFailures, Duration window) {

    public PodPolicy {
        if (maxFailures < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("maxFailures must be at least 1 and the window positive");
        }
    }
}

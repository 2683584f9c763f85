package dev.rollwatch.executor.domain;

import java.time.Duration;

/**
 * @param stepDeadline  how long a step may take to become ready (the request's, else the default)
 * @param checkInterval how often an applied step's readiness is checked
 * @param retryDelay    wait after a transient Kubernetes error (API server unreachable, 5xx)
 */
public record Timing(Duration stepDeadline, Duration checkInterval, Duration retryDelay) {}

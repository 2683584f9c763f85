package dev.rollwatch.healthmonitor.source.prometheus;

/**
 * Prometheus answered with an HTTP error; 4xx means the query itself is wrong and retrying will not
 * help. Only the status is kept: the body is never read, so nothing the server said reaches a verdict.
 */
public class PrometheusHttpException extends RuntimeException {

    private final int status;

    public PrometheusHttpException(int status) {
        super("Prometheus answered HTTP " + status, null, false, false);
        this.status = status;
    }

    public boolean queryRejected() {
        return status >= 400 && status < 500;
    }
}

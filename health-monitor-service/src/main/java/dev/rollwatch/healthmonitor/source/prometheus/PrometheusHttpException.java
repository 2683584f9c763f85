package dev.rollwatch.healthmonitor.source.prometheus;

/** Prometheus answered with an HTTP error; 4xx means the query itself is wrong and retrying will not help. */
public class PrometheusHttpException extends RuntimeException {

    private final int status;

    public PrometheusHttpException(int status, String body) {
        super("Prometheus answered HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)));
        this.status = status;
    }

    public boolean queryRejected() {
        return status >= 400 && status < 500;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 297) + "...";
    }
}

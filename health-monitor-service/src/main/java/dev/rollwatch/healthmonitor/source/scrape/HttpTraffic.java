package dev.rollwatch.healthmonitor.source.scrape;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The HTTP server counters of one endpoint at one moment, summed over every label set: requests,
 * failed requests and the cumulative latency histogram. Counters only grow, except when the process
 * restarts.
 *
 * @param requests total requests served
 * @param errors   total requests whose status matched the error pattern
 * @param buckets  cumulative request counts by upper bound ({@code le}), in the metric's unit
 */
public record HttpTraffic(double requests, double errors, NavigableMap<Double, Double> buckets) {

    public static final HttpTraffic NONE = new HttpTraffic(0, 0, new TreeMap<>());

    public HttpTraffic {
        buckets = new TreeMap<>(buckets);
    }

    /**
     * Which series to read.
     *
     * @param metric         base name of the request timer histogram, e.g. {@code http_server_requests_seconds}
     * @param statusLabel    label holding the HTTP status
     * @param errorStatus    statuses that count as failures, e.g. {@code 5..}
     * @param routeLabel     label holding the route, e.g. {@code uri}
     * @param excludedRoutes routes that are not the application's (probes, metrics), left out
     */
    public record Names(
            String metric, String statusLabel, Pattern errorStatus, String routeLabel, Pattern excludedRoutes) {

        /** Every route counts. */
        public Names(String metric, String statusLabel, Pattern errorStatus) {
            this(metric, statusLabel, errorStatus, "uri", Pattern.compile("(?!)"));
        }

        boolean excluded(ExpositionParser.Sample sample) {
            String route = sample.labels().get(routeLabel);
            return route != null && excludedRoutes.matcher(route).matches();
        }

        /** How many milliseconds one unit of the histogram is: Prometheus base units are seconds. */
        public double millisPerUnit() {
            return metric.endsWith("_milliseconds") || metric.endsWith("_ms") ? 1 : 1000;
        }
    }

    /**
     * Reads the traffic from a scrape, leaving out the excluded routes. A timer no request has touched
     * yet exposes no series at all, so an absent metric is zero traffic, not an error.
     */
    public static HttpTraffic of(List<ExpositionParser.Sample> samples, Names names) {
        String count = names.metric() + "_count";
        String bucket = names.metric() + "_bucket";
        double requests = 0;
        double errors = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (ExpositionParser.Sample s : samples) {
            if (!Double.isFinite(s.value()) || names.excluded(s)) {
                continue;
            }
            if (s.name().equals(count)) {
                requests += s.value();
                String status = s.labels().get(names.statusLabel());
                if (status != null && names.errorStatus().matcher(status).matches()) {
                    errors += s.value();
                }
            } else if (s.name().equals(bucket) && s.labels().containsKey("le")) {
                buckets.merge(upperBound(s.labels().get("le")), s.value(), Double::sum);
            }
        }
        return new HttpTraffic(requests, errors, buckets);
    }

    private static double upperBound(String le) {
        return switch (le) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(le);
        };
    }
}

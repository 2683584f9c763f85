package dev.rollwatch.healthmonitor.source.prometheus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One query's answer reduced to one number: the value, NaN for an empty result, or an error.
 *
 * @param value the value (NaN when Prometheus returned no series or NaN)
 * @param error why there is no value, or null
 */
public record QueryOutcome(double value, String error) {

    public static QueryOutcome failed(String error) {
        return new QueryOutcome(Double.NaN, error);
    }

    public boolean failed() {
        return error != null;
    }

    /** Reads an instant query's answer; a query must aggregate to a single series or scalar. */
    public static QueryOutcome of(PrometheusResponse response) {
        QueryOutcome failed = status(response);
        if (failed != null) {
            return failed;
        }
        PrometheusResponse.Data data = response.data();
        return switch (data.resultType()) {
            case "scalar" -> new QueryOutcome(number(data.result()), null);
            case "vector" -> vector(data.result());
            default -> failed("the query returned a " + data.resultType() + "; it must return one number");
        };
    }

    /** Why an answer carries no result, or null when it does. */
    static QueryOutcome status(PrometheusResponse response) {
        if (response == null) {
            return failed("Prometheus returned no body");
        }
        if (!"success".equals(response.status())) {
            // Prometheus's own explanation is not passed on: no text from a remote answer reaches a verdict.
            return failed("Prometheus rejected the query (status " + plain(response.status()) + ", "
                    + plain(response.errorType()) + ")");
        }
        if (response.data() == null || response.data().result() == null) {
            return failed("Prometheus returned no data");
        }
        return null;
    }

    /** Prometheus's short codes (error, bad_data, timeout…), or "other" for anything that is not one. */
    private static String plain(String code) {
        return code != null && code.matches("[a-z_]{1,24}") ? code : "other";
    }

    private static QueryOutcome vector(JsonNode series) {
        if (series.isEmpty()) {
            return new QueryOutcome(Double.NaN, null);
        }
        if (series.size() > 1) {
            return failed("the query returned " + series.size() + " series; aggregate it to one (e.g. with sum)");
        }
        return new QueryOutcome(number(series.get(0).path("value")), null);
    }

    /** A sample is [time, "value"]; Prometheus writes numbers as strings, including NaN and +Inf. */
    static double number(JsonNode sample) {
        String text = sample.path(1).asText("NaN");
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN;
                }
            }
        };
    }
}

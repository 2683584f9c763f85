package dev.rollwatch.healthmonitor.source.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Prometheus HTTP API answer ({@code /api/v1/query}).
 *
 * @param status    success or error
 * @param data      the result, on success
 * @param errorType the kind of error, on error
 * @param error     the error, on error
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrometheusResponse(String status, Data data, String errorType, String error) {

    /**
     * @param resultType vector, scalar, matrix or string
     * @param result     the vector's series, or the scalar's [time, value]
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(String resultType, JsonNode result) {}
}

package dev.rollwatch.healthmonitor.source.scrape;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Reads a metrics endpoint; each endpoint is a full URL. */
@RegisterRestClient(configKey = "scrape")
public interface ScrapeApi {

    /** What Prometheus asks for: the classic text format first, OpenMetrics accepted. */
    String ACCEPT = "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";

    @GET
    Uni<String> scrape(@Url String url, @HeaderParam("Accept") String accept);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new ScrapeHttpException(response.getStatus());
    }

    /** The endpoint answered, but not with metrics. */
    class ScrapeHttpException extends RuntimeException {
        ScrapeHttpException(int status) {
            super("answered HTTP " + status);
        }
    }
}

package dev.rollwatch.healthmonitor.source.prometheus;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Prometheus HTTP API. Every release may name its own Prometheus, so the base URL comes per call. */
@RegisterRestClient(configKey = "prometheus")
public interface PrometheusApi {

    @GET
    @Path("/api/v1/query")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<PrometheusResponse> query(
            @Url String address, @QueryParam("query") String query, @QueryParam("time") String time);

    /** Prometheus explains a refused query in a JSON body; keep that explanation. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new PrometheusHttpException(response.getStatus(), body);
    }
}

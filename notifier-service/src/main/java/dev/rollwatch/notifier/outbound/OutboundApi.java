package dev.rollwatch.notifier.outbound;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The notifier's one REST client: every call names its full URL ({@link Url}), because webhook
 * targets differ per release and the Slack and Statuspage base URLs come from configuration. Built
 * programmatically by {@link HttpExchange} with redirects off and logging off.
 */
@Path("")
public interface OutboundApi {

    String CLOUDEVENTS_JSON = "application/cloudevents+json";

    @POST
    @Consumes(MediaType.APPLICATION_JSON + "; charset=utf-8")
    @Produces(MediaType.WILDCARD)
    Uni<Response> postJson(@Url String url, @HeaderParam("Authorization") String authorization, String body);

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON + "; charset=utf-8")
    @Produces(MediaType.WILDCARD)
    Uni<Response> patchJson(@Url String url, @HeaderParam("Authorization") String authorization, String body);

    @GET
    @Produces(MediaType.WILDCARD)
    Uni<Response> get(@Url String url, @HeaderParam("Authorization") String authorization);

    /** A CloudEvent in structured mode, signed when a signing secret is configured. */
    @POST
    @Consumes(CLOUDEVENTS_JSON + "; charset=utf-8")
    @Produces(MediaType.WILDCARD)
    Uni<Response> postCloudEvent(
            @Url String url,
            @HeaderParam("webhook-id") String webhookId,
            @HeaderParam("webhook-timestamp") String webhookTimestamp,
            @HeaderParam("webhook-signature") String webhookSignature,
            @HeaderParam("ce-id") String eventId,
            @HeaderParam("ce-type") String eventType,
            String body);
}

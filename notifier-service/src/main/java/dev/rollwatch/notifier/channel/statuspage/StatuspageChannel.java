package dev.rollwatch.notifier.channel.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.channel.ThreadRef;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.IncidentStep;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.outbound.HttpRequest;
import dev.rollwatch.notifier.outbound.Outbound;
import dev.rollwatch.notifier.templates.MessageTemplates;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Atlassian Statuspage: one incident per release and component. It is opened (component degraded or
 * partially out) when the release degrades or is rolled back, updated as the rollback proceeds, and
 * resolved with the component operational again once the stable version is verified. The incident id
 * is remembered per release and component, so updates always go to the same incident.
 */
@ApplicationScoped
public class StatuspageChannel implements NotificationChannel {

    public static final String NAME = "statuspage";

    private final Optional<String> apiKey;
    private final String apiUrl;
    private final Duration minInterval;
    private final Outbound outbound;
    private final IncidentRequests requests;
    private final Clock clock;

    StatuspageChannel(NotifierConfig config, Outbound outbound, MessageTemplates templates, Clock clock) {
        this.apiKey = config.statuspage().apiKey().filter(k -> !k.isBlank());
        this.apiUrl = config.statuspage().apiUrl().toString().replaceAll("/+$", "");
        this.minInterval = config.statuspage().minInterval();
        this.outbound = outbound;
        this.requests = new IncidentRequests(templates, config.statuspage().deliverNotifications());
        this.clock = clock;
        outbound.policy().checkForm(apiUrl);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configuredFor(Target target) {
        return apiKey.isPresent();
    }

    @Override
    public Duration minInterval() {
        return minInterval;
    }

    @Override
    public List<Outgoing> plan(Target target, ReleaseUpdate update) {
        if (update.started() || update.change().incident() == null) {
            return List.of();
        }
        IncidentStep step = update.change().incident();
        Map<String, Object> vars = new LinkedHashMap<>(update.facts().vars());
        if (update.change().reply() != null) {
            vars.putAll(update.change().reply().vars());
        }
        ObjectNode body = requests.body(step, target, update.facts().releaseId(), vars);
        return List.of(new Outgoing(step.kind(), EventJson.write(body), NAME + ":" + target.page()));
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        if (apiKey.isEmpty()) {
            return Uni.createFrom().item(new DeliveryResult.Rejected("Statuspage API key is no longer configured"));
        }
        String incidents = apiUrl + "/pages/" + encode(attempt.target().page()) + "/incidents";
        String authorization = "OAuth " + apiKey.get();
        HttpRequest request;
        if (attempt.kind() == DeliveryKind.INCIDENT_OPEN) {
            return open(attempt, incidents, authorization);
        } else if (attempt.kind() == DeliveryKind.INCIDENT_UPDATE || attempt.kind() == DeliveryKind.INCIDENT_RESOLVE) {
            if (attempt.thread() == null || attempt.thread().threadRef() == null) {
                return Uni.createFrom().item(new DeliveryResult.Skipped("no incident was opened for this release"));
            }
            request = HttpRequest.patchJson(
                    incidents + "/" + encode(attempt.thread().threadRef()), authorization, attempt.payload());
        } else {
            return Uni.createFrom().item(new DeliveryResult.Rejected("Statuspage cannot deliver " + attempt.kind()));
        }
        return outbound.send(request)
                .map(reply -> judge(attempt, reply))
                .onFailure()
                .recoverWithItem(Failures::of);
    }

    /**
     * Opens the release's incident. Creating one is not idempotent, so an attempt after the first (the
     * earlier one may have got no answer, or this instance crashed before recording it) first looks
     * for an unresolved incident that one opened, and takes it instead of opening a second.
     */
    private Uni<DeliveryResult> open(DeliveryAttempt attempt, String incidents, String authorization) {
        Uni<DeliveryResult> post = Uni.createFrom()
                .deferred(() -> outbound.send(HttpRequest.postJson(incidents, authorization, attempt.payload())))
                .map(reply -> judge(attempt, reply))
                .onFailure()
                .recoverWithItem(Failures::of);
        String releaseId = OpenedIncidents.releaseOf(attempt.payload());
        if (attempt.attempt() <= 1 || releaseId == null) {
            return post;
        }
        return outbound.send(HttpRequest.get(incidents + "/unresolved", authorization))
                .flatMap(reply -> {
                    if (!reply.successful()) {
                        return Uni.createFrom().item(judge(attempt, reply));
                    }
                    Optional<String> opened;
                    try {
                        opened = OpenedIncidents.find(
                                reply.body(), releaseId, attempt.target().component());
                    } catch (IOException e) {
                        return Uni.createFrom()
                                .item(new DeliveryResult.Retry(
                                        "Statuspage listed the unresolved incidents in an unreadable answer"));
                    }
                    return opened.isPresent()
                            ? Uni.createFrom()
                                    .item(new DeliveryResult.Sent(
                                            new ThreadRef(attempt.target().page(), opened.get())))
                            : post;
                })
                // Cannot tell whether the incident exists: opening one now could make it two.
                .onFailure()
                .recoverWithItem(Failures::of);
    }

    private DeliveryResult judge(DeliveryAttempt attempt, HttpReply reply) {
        if (reply.status() == 420 || reply.status() == 429) {
            return Failures.rateLimited(reply, clock, "Statuspage");
        }
        if (!reply.successful()) {
            return Failures.ofStatus(reply, clock, "Statuspage");
        }
        if (attempt.kind() != DeliveryKind.INCIDENT_OPEN) {
            return DeliveryResult.sent();
        }
        try {
            JsonNode created = EventJson.mapper().readTree(reply.body());
            String id = created.path("id").asText(null);
            if (id == null || id.isBlank()) {
                return new DeliveryResult.Rejected("Statuspage created the incident but returned no id");
            }
            return new DeliveryResult.Sent(new ThreadRef(attempt.target().page(), id));
        } catch (IOException e) {
            return new DeliveryResult.Rejected("Statuspage created the incident but its answer is not JSON");
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.rollwatch.notifier.channel.webhook;

import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.outbound.HttpRequest;
import dev.rollwatch.notifier.outbound.Outbound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generic webhook: every event of the release, as a CloudEvent in structured JSON mode
 * ({@code application/cloudevents+json}), POSTed to the target URL, signed the Standard Webhooks way
 * with the receiver's own secret or the installation's ({@link WebhookSecrets}). The URL is checked
 * before each attempt (HTTPS, public address) and again on every redirect; the signature never follows
 * a redirect to another origin.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    public static final String NAME = "webhook";

    private final WebhookSecrets secrets;
    private final Outbound outbound;
    private final Clock clock;

    WebhookChannel(NotifierConfig config, Outbound outbound, Clock clock) {
        Map<String, WebhookSecrets.Configured> receivers = new HashMap<>();
        config.webhook()
                .receivers()
                .forEach((name, receiver) -> receivers.put(
                        name, new WebhookSecrets.Configured(receiver.urlPrefix(), receiver.signingSecret())));
        this.secrets = new WebhookSecrets(receivers, config.webhook().signingSecret());
        this.outbound = outbound;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configuredFor(Target target) {
        return target.url() != null && !target.url().isBlank();
    }

    @Override
    public List<Outgoing> plan(Target target, ReleaseUpdate update) {
        // One receiver per origin: a 429 holds back all of its messages, and a slow one gets only its share of slots.
        return List.of(new Outgoing(DeliveryKind.EVENT, update.structured(), receiverKey(target.url())));
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        // The event id is the message id: the same on every retry, so a receiver can drop a repeat.
        String id = attempt.eventId();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Signature signature = secrets.forTarget(attempt.target().url())
                .map(signer -> new HttpRequest.Signature(id, timestamp, signer.sign(id, timestamp, attempt.payload())))
                .orElse(null);
        HttpRequest request = new HttpRequest(
                HttpRequest.Method.POST,
                attempt.target().url(),
                null,
                attempt.payload(),
                new HttpRequest.CloudEventHeaders(id, attempt.eventType(), signature));
        return outbound.send(request).map(this::judge).onFailure().recoverWithItem(Failures::of);
    }

    /** {@code webhook:https://hooks.example.com:443}: the scheme, host and port, never the path or query. */
    static String receiverKey(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return NAME + ":invalid";
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return NAME + ":" + scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return NAME + ":invalid";
        }
    }

    private DeliveryResult judge(HttpReply reply) {
        if (reply.successful()) {
            return DeliveryResult.sent();
        }
        // 401/403/404/410: the endpoint was revoked or never existed; 400/422: it rejects the event.
        return Failures.ofStatus(reply, clock, "Webhook");
    }
}

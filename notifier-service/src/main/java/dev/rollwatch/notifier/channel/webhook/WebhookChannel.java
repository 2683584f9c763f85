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
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generic webhook: every event of the release, as a CloudEvent in structured JSON mode
 * ({@code application/cloudevents+json}), POSTed to the target URL, optionally signed. The URL is
 * checked before each attempt (HTTPS, public address) and again on every redirect.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

    public static final String NAME = "webhook";
    public static final String SIGNATURE_PREFIX = "sha256=";

    private final Optional<String> signingSecret;
    private final Outbound outbound;
    private final Clock clock;

    WebhookChannel(NotifierConfig config, Outbound outbound, Clock clock) {
        this.signingSecret = config.webhook().signingSecret().filter(s -> !s.isBlank());
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
        return List.of(new Outgoing(DeliveryKind.EVENT, update.structured(), null));
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        String signature = signingSecret
                .map(secret -> SIGNATURE_PREFIX + hmac(secret, attempt.payload()))
                .orElse(null);
        HttpRequest request = new HttpRequest(
                HttpRequest.Method.POST,
                attempt.target().url(),
                null,
                attempt.payload(),
                new HttpRequest.CloudEventHeaders(attempt.eventId(), attempt.eventType(), signature));
        return outbound.send(request).map(this::judge).onFailure().recoverWithItem(Failures::of);
    }

    private DeliveryResult judge(HttpReply reply) {
        if (reply.successful()) {
            return DeliveryResult.sent();
        }
        // 401/403/404/410: the endpoint was revoked or never existed; 400/422: it rejects the event.
        return Failures.ofStatus(reply, clock, "Webhook");
    }

    /** HMAC-SHA256 of the body, hex: what a receiver recomputes with the shared secret. */
    public static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}

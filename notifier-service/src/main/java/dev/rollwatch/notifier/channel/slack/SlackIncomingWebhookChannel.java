package dev.rollwatch.notifier.channel.slack;

import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.outbound.HttpRequest;
import dev.rollwatch.notifier.outbound.Outbound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack through incoming webhooks, the simpler option when no bot token is configured. An incoming
 * webhook can neither thread nor edit: the release's first message and every notice are separate
 * messages, each saying which release it is about, and the parent is never updated. The webhook URL
 * is a secret: it is looked up from configuration when sending and never stored or logged.
 */
@ApplicationScoped
public class SlackIncomingWebhookChannel implements NotificationChannel {

    public static final String NAME = "slack-webhook";

    private final Map<String, String> webhooks = new HashMap<>();
    private final Duration minInterval;
    private final Outbound outbound;
    private final SlackMessages messages;
    private final Clock clock;

    SlackIncomingWebhookChannel(NotifierConfig config, Outbound outbound, SlackMessages messages, Clock clock) {
        config.slack().incomingWebhooks().forEach((channel, url) -> {
            if (url != null && !url.isBlank()) {
                String name = Target.slack(channel).slackChannelName();
                try {
                    outbound.policy().checkForm(url);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "rollwatch.notifier.slack.incoming-webhooks." + name + " is not usable: " + e.getMessage());
                }
                webhooks.put(name, url);
            }
        });
        this.minInterval = config.slack().minInterval();
        this.outbound = outbound;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configuredFor(Target target) {
        return webhooks.containsKey(target.slackChannelName());
    }

    @Override
    public Duration minInterval() {
        return minInterval;
    }

    @Override
    public List<Outgoing> plan(Target target, ReleaseUpdate update) {
        return messages.plan(NAME, target, update, false);
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        String url = webhooks.get(attempt.target().slackChannelName());
        if (url == null) {
            return Uni.createFrom()
                    .item(new DeliveryResult.Rejected("no Slack incoming webhook is configured for "
                            + attempt.target().describe() + " any more"));
        }
        return outbound.send(HttpRequest.postJson(url, null, attempt.payload()))
                .map(this::judge)
                .onFailure()
                .recoverWithItem(Failures::of);
    }

    private DeliveryResult judge(HttpReply reply) {
        if (reply.successful()) {
            return DeliveryResult.sent();
        }
        // 403 invalid_token / action_prohibited, 404 no_service / channel_not_found, 410 channel_is_archived:
        // the webhook was revoked or its channel is gone.
        return Failures.ofStatus(reply, clock, "Slack incoming webhook", SlackErrors.documentedCode(reply.body()));
    }
}

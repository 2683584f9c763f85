package dev.rollwatch.notifier.channel.slack;

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
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.outbound.HttpReply;
import dev.rollwatch.notifier.outbound.HttpRequest;
import dev.rollwatch.notifier.outbound.Outbound;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Slack through the Web API with a bot token: one thread per release and channel. The parent is
 * posted with {@code chat.postMessage} and its channel id and {@code ts} remembered; each event
 * replies in the thread ({@code thread_ts}); state changes rewrite the parent with {@code chat.update}.
 */
@ApplicationScoped
public class SlackWebApiChannel implements NotificationChannel {

    public static final String NAME = "slack";

    private final Optional<String> token;
    private final String apiUrl;
    private final Duration minInterval;
    private final Outbound outbound;
    private final SlackMessages messages;
    private final Clock clock;

    SlackWebApiChannel(NotifierConfig config, Outbound outbound, SlackMessages messages, Clock clock) {
        this.token = config.slack().botToken().filter(t -> !t.isBlank());
        this.apiUrl = config.slack().apiUrl().toString().replaceAll("/+$", "");
        this.minInterval = config.slack().minInterval();
        this.outbound = outbound;
        this.messages = messages;
        this.clock = clock;
        // Fail at start, not at the first message, when the API URL is unusable.
        outbound.policy().checkForm(apiUrl);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configuredFor(Target target) {
        return token.isPresent();
    }

    @Override
    public Duration minInterval() {
        return minInterval;
    }

    @Override
    public List<Outgoing> plan(Target target, ReleaseUpdate update) {
        return messages.plan(NAME, target, update, true);
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        if (token.isEmpty()) {
            return Uni.createFrom().item(new DeliveryResult.Rejected("Slack bot token is no longer configured"));
        }
        ObjectNode body = EventJson.read(attempt.payload(), ObjectNode.class);
        ThreadRef thread = attempt.thread();
        String method;
        switch (attempt.kind()) {
            case PARENT_POST -> {
                method = "chat.postMessage";
                body.put("channel", attempt.target().channel());
            }
            case REPLY -> {
                method = "chat.postMessage";
                if (thread == null) {
                    // No known parent (dead-lettered, or its outcome unknown): a plain message beats none.
                    body.put("channel", attempt.target().channel());
                    body.remove("reply_broadcast");
                } else {
                    body.put("channel", thread.channelRef()).put("thread_ts", thread.threadRef());
                }
            }
            case PARENT_UPDATE -> {
                if (thread == null) {
                    return Uni.createFrom().item(new DeliveryResult.Skipped("no parent message is known to update"));
                }
                method = "chat.update";
                body.put("channel", thread.channelRef()).put("ts", thread.threadRef());
            }
            default -> {
                return Uni.createFrom().item(new DeliveryResult.Rejected("Slack cannot deliver " + attempt.kind()));
            }
        }
        HttpRequest request =
                HttpRequest.postJson(apiUrl + "/" + method, "Bearer " + token.get(), EventJson.write(body));
        return outbound.send(request)
                .map(reply -> judge(attempt.kind(), reply))
                // chat.postMessage has no idempotency key: a parent posted twice would be two threads.
                .onFailure()
                .recoverWithItem(failure -> attempt.kind() == DeliveryKind.PARENT_POST
                        ? Failures.ofUnrepeatable(failure, "the release's parent message")
                        : Failures.of(failure));
    }

    private DeliveryResult judge(DeliveryKind kind, HttpReply reply) {
        if (reply.status() != 200) {
            return Failures.ofStatus(reply, clock, "Slack", SlackErrors.documentedCode(reply.body()));
        }
        JsonNode answer;
        try {
            answer = EventJson.mapper().readTree(reply.body());
        } catch (java.io.IOException e) {
            return new DeliveryResult.Retry("Slack answered with something that is not JSON");
        }
        if (answer.path("ok").asBoolean(false)) {
            return kind == DeliveryKind.PARENT_POST
                    ? new DeliveryResult.Sent(new ThreadRef(
                            answer.path("channel").asText(), answer.path("ts").asText()))
                    : DeliveryResult.sent();
        }
        return SlackErrors.judge(answer.path("error").asText("unknown_error"), kind, reply, clock);
    }
}

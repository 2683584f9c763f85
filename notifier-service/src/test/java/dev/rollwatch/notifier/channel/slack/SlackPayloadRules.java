package dev.rollwatch.notifier.channel.slack;

import static dev.rollwatch.notifier.channel.slack.SlackLimits.BLOCKS_PER_MESSAGE;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.MESSAGE_TEXT_RECOMMENDED;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.MESSAGE_TEXT_TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a Slack payload against Slack's documented limits and reads it with Slack's SDK models
 * ({@link SlackSdkModels}): the message (text, blocks, attachments) and, per call, the arguments that
 * say where it goes. Every problem is reported, not only the first, so one run shows all of them.
 */
public final class SlackPayloadRules {

    /** What the payload is: how far the channel has taken it decides which arguments it must carry. */
    public enum Call {
        /** As the renderer planned it, before the channel says where it goes. */
        PLANNED,
        /** chat.postMessage: a channel, and a {@code thread_ts} for a reply. */
        POST_MESSAGE,
        /** chat.update: the channel and {@code ts} of the message it rewrites. */
        UPDATE,
        /** An incoming webhook: its URL names the channel, and it can neither thread nor edit. */
        INCOMING_WEBHOOK
    }

    /** A message's timestamp, which is its id: seconds, a dot, a sequence. */
    private static final Pattern TS = Pattern.compile("^\\d+\\.\\d+$");

    /** Attachment colours: a hex colour, or one of the three names (api.slack.com/reference/messaging/attachments). */
    private static final Pattern COLOR = Pattern.compile("^(#[0-9A-Fa-f]{6}|good|warning|danger)$");

    private SlackPayloadRules() {}

    /**
     * @param mentions the special mentions Rollwatch was configured to put in messages, as written
     *                 ({@code <!here>}); any other is user text that got through unescaped
     */
    public static List<String> violations(Call call, JsonNode body, Set<String> mentions) {
        List<String> violations = new ArrayList<>();
        if (!body.isObject()) {
            return List.of("the body is not a JSON object");
        }
        arguments(call, body, violations);
        text(body, mentions, violations);
        BlockKitRules rules = new BlockKitRules(mentions, violations);
        int blocks = 0;
        if (body.has("blocks")) {
            rules.blocks(body.get("blocks"), "blocks");
            blocks += body.get("blocks").size();
        }
        JsonNode attachments = body.path("attachments");
        for (int i = 0; i < attachments.size(); i++) {
            JsonNode attachment = attachments.get(i);
            String color = attachment.path("color").asText("");
            if (attachment.has("color") && !COLOR.matcher(color).matches()) {
                violations.add("attachments[" + i + "].color '" + color + "' is no colour Slack takes");
            }
            if (attachment.has("blocks")) {
                rules.blocks(attachment.get("blocks"), "attachments[" + i + "].blocks");
                blocks += attachment.get("blocks").size();
            }
        }
        if (blocks > BLOCKS_PER_MESSAGE) {
            violations.add("the message has " + blocks + " blocks, more than " + BLOCKS_PER_MESSAGE);
        }
        wellFormed(body, "$", violations);
        SlackSdkModels.problems(body.toString()).forEach(violations::add);
        return violations;
    }

    /** Fails with every violation when there is one. */
    public static void assertConforms(Call call, JsonNode body, Set<String> mentions) {
        assertThat(violations(call, body, mentions))
                .as("Slack %s payload %s", call, body)
                .isEmpty();
    }

    private static void arguments(Call call, JsonNode body, List<String> violations) {
        boolean threaded = body.hasNonNull("thread_ts");
        switch (call) {
            case PLANNED -> absent(body, violations, "the channel adds it", "channel", "ts", "thread_ts");
            case POST_MESSAGE -> {
                present(body, violations, "channel");
                absent(body, violations, "chat.postMessage posts a new message", "ts");
                if (threaded) {
                    timestamp(body, "thread_ts", violations);
                }
            }
            case UPDATE -> {
                present(body, violations, "channel");
                timestamp(body, "ts", violations);
                absent(body, violations, "the parent is no reply", "thread_ts", "reply_broadcast");
            }
            case INCOMING_WEBHOOK ->
                absent(
                        body,
                        violations,
                        "an incoming webhook has its channel and cannot thread or edit",
                        "channel",
                        "ts",
                        "thread_ts",
                        "reply_broadcast");
        }
        if (body.path("reply_broadcast").asBoolean(false) && !threaded && call != Call.PLANNED) {
            // chat.postMessage: reply_broadcast is "used in conjunction with thread_ts".
            violations.add("reply_broadcast without thread_ts");
        }
        // With either, Slack turns a plain "@channel" in user text into a mention of everyone
        // (docs.slack.dev/reference/methods/chat.postMessage, link_names and parse).
        if (body.path("link_names").asBoolean(false)) {
            violations.add("link_names is true: user text saying @channel would notify the channel");
        }
        if (body.path("parse").asText("").equals("full")) {
            violations.add("parse is full: user text saying @channel would notify the channel");
        }
    }

    private static void text(JsonNode body, Set<String> mentions, List<String> violations) {
        JsonNode text = body.path("text");
        // With blocks the text is what notifications and screen readers use; Rollwatch always sends one.
        if (!text.isTextual() || text.asText().isBlank()) {
            violations.add("text is missing: notifications and screen readers have nothing to show");
            return;
        }
        int length = text.asText().length();
        if (length > MESSAGE_TEXT_TRUNCATED) {
            violations.add("text has " + length + " characters: Slack truncates it at " + MESSAGE_TEXT_TRUNCATED);
        } else if (length > MESSAGE_TEXT_RECOMMENDED) {
            violations.add("text has " + length + " characters, more than the " + MESSAGE_TEXT_RECOMMENDED
                    + " Slack recommends");
        }
        if (body.path("mrkdwn").asBoolean(true)) {
            SlackMrkdwn.problems(text.asText(), mentions).forEach(problem -> violations.add("text has " + problem));
        }
    }

    private static void present(JsonNode body, List<String> violations, String field) {
        if (body.path(field).asText("").isBlank()) {
            violations.add(field + " is missing");
        }
    }

    private static void absent(JsonNode body, List<String> violations, String why, String... fields) {
        for (String field : fields) {
            if (body.has(field)) {
                violations.add(field + " is set, but " + why);
            }
        }
    }

    private static void timestamp(JsonNode body, String field, List<String> violations) {
        if (!TS.matcher(body.path(field).asText("")).matches()) {
            violations.add(field + " '" + body.path(field).asText("") + "' is not a message timestamp");
        }
    }

    /** A lone surrogate (half an emoji) is no character: it reaches Slack as '?'. */
    private static void wellFormed(JsonNode node, String path, List<String> violations) {
        if (node.isTextual()) {
            String text = node.asText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean paired = Character.isHighSurrogate(c)
                        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i))
                        : !Character.isLowSurrogate(c);
                if (!paired) {
                    violations.add(path + " has half a surrogate pair at " + i);
                    return;
                }
            }
        }
        node.properties().forEach(field -> wellFormed(field.getValue(), path + "." + field.getKey(), violations));
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            wellFormed(node.get(i), path + "[" + i + "]", violations);
        }
    }
}

package dev.rollwatch.notifier.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.outbound.HttpReply;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * What a Slack error means for the delivery. Only error codes Slack documents are ever quoted in a
 * reason: anything else in an answer could be the request echoed back, secrets and all.
 */
final class SlackErrors {

    /** The token or the app is unusable, or the message can never be accepted: retrying cannot help. */
    private static final Set<String> PERMANENT = Set.of(
            "invalid_auth",
            "not_authed",
            "account_inactive",
            "token_revoked",
            "token_expired",
            "no_permission",
            "missing_scope",
            "org_login_required",
            "ekm_access_denied",
            "team_access_not_granted",
            "channel_not_found",
            "not_in_channel",
            "is_archived",
            "restricted_action",
            "restricted_action_read_only_channel",
            "restricted_action_thread_only_channel",
            "invalid_blocks",
            "invalid_blocks_format",
            "invalid_attachments",
            "too_many_attachments",
            "msg_too_long",
            "no_text",
            "invalid_arguments",
            "invalid_arg_name",
            "invalid_charset",
            "invalid_form_data",
            "invalid_post_type",
            "missing_post_type",
            "as_user_not_supported",
            "access_denied");

    /** A parent that cannot be edited any more: nothing to update. */
    private static final Set<String> GONE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    /** Web API errors Slack documents as passing (its own trouble, or a limit): worth another attempt. */
    private static final Set<String> TRANSIENT = Set.of(
            "internal_error",
            "fatal_error",
            "service_unavailable",
            "request_timeout",
            "ratelimited",
            "rate_limited",
            "accesslimited",
            "team_added_to_org",
            "message_limit_exceeded");

    /**
     * What incoming webhooks answer instead of {@code ok}, as the whole plain-text body
     * (api.slack.com/messaging/webhooks#handling_errors).
     */
    private static final Set<String> INCOMING_WEBHOOK = Set.of(
            "invalid_payload",
            "user_not_found",
            "channel_not_found",
            "channel_is_archived",
            "action_prohibited",
            "posting_to_general_channel_denied",
            "too_many_attachments",
            "no_service",
            "no_service_id",
            "no_team",
            "team_disabled",
            "invalid_token",
            "no_text",
            "no_active_hooks");

    private static final Set<String> DOCUMENTED = new HashSet<>();

    static {
        DOCUMENTED.addAll(PERMANENT);
        DOCUMENTED.addAll(GONE);
        DOCUMENTED.addAll(TRANSIENT);
        DOCUMENTED.addAll(INCOMING_WEBHOOK);
    }

    private SlackErrors() {}

    /** An answer's {@code "ok": false, "error": ...} judged for the delivery. */
    static DeliveryResult judge(String error, DeliveryKind kind, HttpReply reply, Clock clock) {
        if (error.equals("ratelimited") || error.equals("rate_limited")) {
            return Failures.rateLimited(reply, clock, "Slack");
        }
        if (kind == DeliveryKind.PARENT_UPDATE && GONE.contains(error)) {
            return new DeliveryResult.Skipped("the parent message can no longer be updated (" + error + ")");
        }
        if (PERMANENT.contains(error)) {
            return new DeliveryResult.Rejected("Slack refused the message: " + error);
        }
        // internal_error, fatal_error, service_unavailable, request_timeout and errors Slack adds later:
        // try again, within the retry budget.
        return new DeliveryResult.Retry(
                "Slack answered " + (DOCUMENTED.contains(error) ? error : "an error it does not document"));
    }

    /**
     * The documented error code in a refusal's body, or null: the whole body of an incoming webhook's
     * answer, or the {@code error} field of a Web API answer.
     */
    static String documentedCode(String body) {
        String text = body == null ? "" : body.strip();
        if (DOCUMENTED.contains(text)) {
            return text;
        }
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonNode error = EventJson.mapper().readTree(text).path("error");
            return error.isTextual() && DOCUMENTED.contains(error.asText()) ? error.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}

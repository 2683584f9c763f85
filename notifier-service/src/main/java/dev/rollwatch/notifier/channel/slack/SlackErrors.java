package dev.rollwatch.notifier.channel.slack;

import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.Failures;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.outbound.HttpReply;
import java.time.Clock;
import java.util.Set;

/** What a Web API error ({@code "ok": false, "error": ...}) means for the delivery. */
final class SlackErrors {

    /** The token or the app is unusable, or the message can never be accepted: retrying cannot help. */
    private static final Set<String> PERMANENT = Set.of("invalid_auth", "not_authed", "account_inactive",
            "token_revoked", "token_expired", "no_permission", "missing_scope", "org_login_required",
            "ekm_access_denied", "team_access_not_granted", "channel_not_found", "not_in_channel", "is_archived",
            "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
            "invalid_blocks", "invalid_blocks_format", "invalid_attachments", "too_many_attachments", "msg_too_long",
            "no_text", "invalid_arguments", "invalid_arg_name", "invalid_charset", "invalid_form_data",
            "invalid_post_type", "missing_post_type", "as_user_not_supported", "access_denied");

    /** A parent that cannot be edited any more: nothing to update. */
    private static final Set<String> GONE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    private SlackErrors() {
    }

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
        return new DeliveryResult.Retry("Slack answered " + error);
    }
}

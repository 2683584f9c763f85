package dev.rollwatch.notifier.channel.slack;

import dev.rollwatch.notifier.domain.DisplayState;
import dev.rollwatch.notifier.domain.NoticeKind;
import dev.rollwatch.notifier.domain.Tone;

/** Colours and emoji by outcome, so a glance at the channel tells how releases went. */
final class SlackStyle {

    /** Marks a release no metric source judges. */
    static final String UNWATCHED = ":warning:";

    private SlackStyle() {}

    static String color(Tone tone) {
        return switch (tone) {
            case SUCCESS -> "#2EB67D";
            case INFO -> "#1D9BD1";
            case NEUTRAL -> "#9E9E9E";
            case WARNING -> "#ECB22E";
            case DANGER -> "#E01E5A";
            case CRITICAL -> "#8B0000";
        };
    }

    static String emoji(DisplayState state) {
        return switch (state) {
            case REQUESTED -> ":hourglass_flowing_sand:";
            case PROGRESSING -> ":arrows_counterclockwise:";
            case PAUSED -> ":double_vertical_bar:";
            case DEGRADED -> ":warning:";
            case FROZEN -> ":ice_cube:";
            case ROLLING_BACK -> ":rewind:";
            case ROLLED_BACK -> ":leftwards_arrow_with_hook:";
            case RESTORE_VERIFIED -> ":leftwards_arrow_with_hook:";
            case RESTORE_UNVERIFIED, RESTORE_FAILED -> ":rotating_light:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED -> ":x:";
            case ABORTED -> ":no_entry_sign:";
        };
    }

    static String emoji(NoticeKind kind) {
        return switch (kind) {
            case STEP_WEIGHT, STEP_DEPLOY_PREVIEW, STEP_SWITCH_TRAFFIC, STEP_ROLLING_UPDATE -> ":arrow_forward:";
            case STEP_PAUSE -> ":double_vertical_bar:";
            case STEP_RESUME -> ":arrow_forward:";
            case STEP_PROMOTE -> ":white_check_mark:";
            case STEP_SCALE_DOWN -> ":broom:";
            case STEP_ROLLBACK -> ":leftwards_arrow_with_hook:";
            case ROLLBACK_ANSWERED -> ":information_source:";
            case STEP_FAILED -> ":x:";
            case HEALTH_DEGRADED -> ":chart_with_downwards_trend:";
            case HEALTH_WARNING -> ":grey_question:";
            case ROLLBACK_TRIGGERED -> ":rewind:";
            case ROLLBACK_RECOMMENDED -> ":raising_hand:";
            case RELEASE_FROZEN -> ":ice_cube:";
            case RESTORE_VERIFIED -> ":white_check_mark:";
            case RESTORE_UNVERIFIED, RESTORE_FAILED -> ":rotating_light:";
            case RESTORE_RESOLVED -> ":ballot_box_with_check:";
            case ARTIFACT_QUARANTINED -> ":lock:";
            case COMMAND -> ":speech_balloon:";
        };
    }

    /** Slack mrkdwn control characters in event contents become plain text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

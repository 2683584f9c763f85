package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.domain.DisplayState;
import dev.rollwatch.notifier.domain.IncidentState;
import dev.rollwatch.notifier.domain.Notice;
import dev.rollwatch.notifier.domain.NoticeKind;
import dev.rollwatch.notifier.domain.ReleaseFacts;
import dev.rollwatch.notifier.domain.ReleaseView;
import dev.rollwatch.notifier.domain.Tone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest and most awkward values a release and its events can carry into a message: each as
 * long as the request validation lets it be (or, where nothing bounds it, far longer than any limit),
 * and free text full of what Slack parses.
 */
public final class WorstCases {

    /**
     * What people can write into a release (its actor, pipeline, an executor's or operator's message):
     * mentions, a link, Slack's control characters, code, formatting and emoji.
     */
    public static final String HOSTILE = "<!channel> @channel @here <@U024BE7LH> <https://evil.example|click> "
            + "a & b > c &amp; `code` ```block``` *bold* _it_ ~s~ :rotating_light: \uD83D\uDE80 ";

    private WorstCases() {}

    /** {@link #HOSTILE} repeated to {@code length} characters, never ending in half an emoji. */
    public static String hostile(int length) {
        String text = HOSTILE.repeat(length / HOSTILE.length() + 1).substring(0, length);
        return Character.isHighSurrogate(text.charAt(length - 1)) ? text.substring(0, length - 1) + "x" : text;
    }

    /** A release whose every field is as long as validation allows, free text in it hostile. */
    public static ReleaseFacts facts() {
        StringBuilder changeUrl = new StringBuilder("https://github.com/example/checkout/pull/912?");
        for (int i = 0; changeUrl.length() < 2048; i++) {
            changeUrl.append("p").append(i).append("=1&");
        }
        return new ReleaseFacts(
                "r" + "e".repeat(127), // 128: the longest release id
                "a".repeat(63), // a DNS label
                "n".repeat(63),
                "registry.example.com/" + "s".repeat(480) + ":1.4.2",
                "1.4.2-" + "rc_.".repeat(14) + "1", // 63: a label value
                "blue-green",
                hostile(128), // requestedBy.actor
                hostile(256), // requestedBy.pipeline
                "7f3a9c1e5b2d".repeat(5) + "7f3a", // 64 hex digits
                changeUrl.substring(0, 2048), // the longest URL, '&' in its query
                hostile(1024));
    }

    /** The parent in every state, with a note longer than any limit. */
    public static List<ReleaseView> views() {
        List<ReleaseView> views = new ArrayList<>();
        for (DisplayState state : DisplayState.values()) {
            views.add(new ReleaseView(state, 999, 1000, 100, hostile(5000), IncidentState.NONE));
        }
        views.add(ReleaseView.requested());
        return views;
    }

    /**
     * Every kind of reply, urgent or not, with every template variable set to the worst (both ways
     * for the flags the templates branch on), and more fields than a section takes.
     */
    public static List<Notice> notices() {
        List<Notice> notices = new ArrayList<>();
        for (NoticeKind kind : NoticeKind.values()) {
            for (boolean flag : new boolean[] {true, false}) {
                notices.add(new Notice(kind, Tone.CRITICAL, flag, vars(flag), fields()));
            }
        }
        return notices;
    }

    private static Map<String, Object> vars(boolean flag) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String text : List.of(
                "message",
                "answer",
                "summary",
                "sourceType",
                "verdict",
                "reason",
                "triggeredBy",
                "policy",
                "restoreTo",
                "severity",
                "quarantinedImage",
                "command",
                "requestedBy",
                "action",
                "stableImage")) {
            vars.put(text, hostile(5000));
        }
        for (String time : List.of("detectedAt", "breachStartedAt", "since", "deadline")) {
            vars.put(time, "2026-11-20 14:02:11 UTC");
        }
        for (String number : List.of(
                "step", "stepCount", "weight", "stableWeight", "canaryWeight", "consecutiveWindows", "attempt")) {
            vars.put(number, 1000);
        }
        for (String condition : List.of("held", "retrigger", "late")) {
            vars.put(condition, flag);
        }
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            evidence.add(hostile(300));
        }
        vars.put("evidence", evidence);
        return vars;
    }

    private static List<Notice.Field> fields() {
        List<Notice.Field> fields = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fields.add(new Notice.Field(hostile(100), hostile(5000)));
        }
        return fields;
    }
}

package dev.rollwatch.notifier.domain;

import java.util.List;
import java.util.Map;

/**
 * One piece of news about a release, independent of the channel that will tell it.
 *
 * @param kind      what happened; names the message template
 * @param tone      how good or bad it is
 * @param urgent    people must act (shown in the channel, not only in the thread)
 * @param vars      facts of this event for the template (numbers already formatted for people)
 * @param fields    label/value pairs shown beside the text (e.g. the evidence of a breach)
 */
public record Notice(NoticeKind kind, Tone tone, boolean urgent, Map<String, Object> vars, List<Field> fields) {

    public Notice {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        fields = List.copyOf(fields);
    }

    /** A label and its value, e.g. {@code Observed} / {@code 12.4%}. */
    public record Field(String label, String value) {}
}

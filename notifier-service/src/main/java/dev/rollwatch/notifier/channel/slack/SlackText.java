package dev.rollwatch.notifier.channel.slack;

/**
 * Slack's length limits, and cutting text to them without breaking what Slack parses. Lengths are
 * counted in UTF-16 units, which is never fewer than Slack's characters, so a text that fits here
 * fits there.
 */
final class SlackText {

    /** A section's text and any text object: docs.slack.dev/reference/block-kit/composition-objects/text-object. */
    static final int MAX_TEXT_OBJECT = 3000;
    /** Each text of a section's {@code fields}: docs.slack.dev/reference/block-kit/blocks/section-block. */
    static final int MAX_FIELD = 2000;
    /**
     * The top-level {@code text}: Slack truncates past 40,000 characters and asks to keep messages
     * under 4,000 (api.slack.com/changelog/2018-04-truncating-really-long-messages); we keep to 4,000.
     */
    static final int MAX_MESSAGE_TEXT = 4000;
    /** A button's {@code url}: docs.slack.dev/reference/block-kit/block-elements/button-element. */
    static final int MAX_BUTTON_URL = 3000;

    static final String ELLIPSIS = "…";

    /** The longest entity {@link SlackStyle#escape} writes ({@code &amp;}), less its {@code &}. */
    private static final int ENTITY_TAIL = 4;

    private SlackText() {}

    /**
     * {@code text} cut to at most {@code max} characters, ending in an ellipsis when cut. The cut never
     * splits a surrogate pair (half an emoji is no character, and is sent as {@code ?}), an entity (the
     * rest of a cut {@code &amp;} reads as a bare {@code &}) or a {@code <link|label>} or mention (half
     * of one is a stray {@code <}): it moves back to before them.
     */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && end - amp <= ENTITY_TAIL && text.indexOf(';', amp) >= end) {
            end = amp;
        }
        int open = text.lastIndexOf('<', end - 1);
        if (open >= 0 && text.lastIndexOf('>', end - 1) < open) {
            end = open;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}

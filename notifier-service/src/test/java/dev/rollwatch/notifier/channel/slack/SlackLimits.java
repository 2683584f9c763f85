package dev.rollwatch.notifier.channel.slack;

/**
 * Slack's documented limits for what Rollwatch sends, each with where Slack says so. Kept apart from
 * the product's own constants on purpose: a check that read the renderer's numbers would agree with
 * any mistake in them.
 */
final class SlackLimits {

    /** "You can include up to 50 blocks in each message": docs.slack.dev/reference/block-kit/blocks. */
    static final int BLOCKS_PER_MESSAGE = 50;
    /** Every block's {@code block_id}: "Maximum length for this field is 255 characters" (same page). */
    static final int BLOCK_ID = 255;
    /**
     * A text object's {@code text}: "The minimum length is 1 and maximum length is 3000 characters"
     * (docs.slack.dev/reference/block-kit/composition-objects/text-object); a section's {@code text} is one.
     */
    static final int TEXT_OBJECT = 3000;
    /** A section's {@code fields}: "Maximum number of items is 10. Maximum length for the text in each item is 2000 characters." */
    static final int SECTION_FIELDS = 10;

    static final int SECTION_FIELD_TEXT = 2000;
    /** A header's {@code text}, plain_text: "Maximum length for the text in this field is 150 characters." */
    static final int HEADER_TEXT = 150;
    /** A context block's {@code elements}: "Maximum number of items is 10." */
    static final int CONTEXT_ELEMENTS = 10;
    /** An actions block's {@code elements}: "There is a maximum of 25 elements in each action block." */
    static final int ACTIONS_ELEMENTS = 25;
    /** A button (docs.slack.dev/reference/block-kit/block-elements/button-element): text, url, value, action_id. */
    static final int BUTTON_TEXT = 75;

    static final int BUTTON_URL = 3000;
    static final int BUTTON_VALUE = 2000;
    static final int ACTION_ID = 255;
    /**
     * The top-level {@code text} of chat.postMessage, chat.update and incoming webhooks: Slack truncates
     * it past 40,000 characters, and asks to keep messages shorter, under 4,000
     * (api.slack.com/changelog/2018-04-truncating-really-long-messages). Rollwatch keeps to 4,000.
     */
    static final int MESSAGE_TEXT_TRUNCATED = 40_000;

    static final int MESSAGE_TEXT_RECOMMENDED = 4000;

    private SlackLimits() {}
}

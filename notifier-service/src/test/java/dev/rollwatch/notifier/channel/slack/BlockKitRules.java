package dev.rollwatch.notifier.channel.slack;

import static dev.rollwatch.notifier.channel.slack.SlackLimits.ACTIONS_ELEMENTS;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.ACTION_ID;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.BLOCK_ID;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.BUTTON_TEXT;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.BUTTON_URL;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.BUTTON_VALUE;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.CONTEXT_ELEMENTS;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.HEADER_TEXT;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.SECTION_FIELDS;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.SECTION_FIELD_TEXT;
import static dev.rollwatch.notifier.channel.slack.SlackLimits.TEXT_OBJECT;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Slack's limits on the blocks Rollwatch uses (section, header, context, actions with buttons,
 * divider). A block of another type is reported too: its limits are not checked here, so a renderer
 * that starts using one must teach these rules first.
 */
final class BlockKitRules {

    private final Set<String> mentions;
    private final List<String> violations;

    BlockKitRules(Set<String> mentions, List<String> violations) {
        this.mentions = mentions;
        this.violations = violations;
    }

    void blocks(JsonNode blocks, String path) {
        if (!blocks.isArray()) {
            violations.add(path + " is not a list of blocks");
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), path + "[" + i + "]");
        }
    }

    private void block(JsonNode block, String path) {
        maxLength(block.path("block_id"), BLOCK_ID, path + ".block_id");
        String type = block.path("type").asText("");
        switch (type) {
            case "section" -> section(block, path);
            case "header" -> textObject(block.path("text"), HEADER_TEXT, path + ".text", "plain_text");
            case "context" -> context(block, path);
            case "actions" -> actions(block, path);
            case "divider" -> {}
            default -> violations.add(path + " is a '" + type + "' block, whose limits these rules do not check");
        }
    }

    private void section(JsonNode section, String path) {
        JsonNode fields = section.path("fields");
        if (section.path("text").isMissingNode() && fields.isMissingNode()) {
            violations.add(path + " is a section with neither text nor fields");
        }
        if (!section.path("text").isMissingNode()) {
            textObject(section.path("text"), TEXT_OBJECT, path + ".text", null);
        }
        if (!fields.isMissingNode()) {
            if (fields.size() > SECTION_FIELDS) {
                violations.add(path + ".fields has " + fields.size() + " items, more than " + SECTION_FIELDS);
            }
            for (int i = 0; i < fields.size(); i++) {
                textObject(fields.get(i), SECTION_FIELD_TEXT, path + ".fields[" + i + "]", null);
            }
        }
    }

    private void context(JsonNode context, String path) {
        JsonNode elements = context.path("elements");
        if (elements.isEmpty() || elements.size() > CONTEXT_ELEMENTS) {
            violations.add(path + ".elements has " + elements.size() + " items, not 1 to " + CONTEXT_ELEMENTS);
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (!"image".equals(element.path("type").asText())) {
                textObject(element, TEXT_OBJECT, path + ".elements[" + i + "]", null);
            }
        }
    }

    private void actions(JsonNode actions, String path) {
        JsonNode elements = actions.path("elements");
        if (elements.isEmpty() || elements.size() > ACTIONS_ELEMENTS) {
            violations.add(path + ".elements has " + elements.size() + " items, not 1 to " + ACTIONS_ELEMENTS);
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String at = path + ".elements[" + i + "]";
            if (!"button".equals(element.path("type").asText())) {
                violations.add(
                        at + " is a '" + element.path("type").asText() + "', whose limits these rules do not check");
                continue;
            }
            textObject(element.path("text"), BUTTON_TEXT, at + ".text", "plain_text");
            maxLength(element.path("url"), BUTTON_URL, at + ".url");
            maxLength(element.path("value"), BUTTON_VALUE, at + ".value");
            maxLength(element.path("action_id"), ACTION_ID, at + ".action_id");
        }
    }

    /** A text object: {@code type} (one of the two, or {@code only}), a text of 1 to {@code max} characters. */
    private void textObject(JsonNode text, int max, String path, String only) {
        String type = text.path("type").asText("");
        if (!type.equals("mrkdwn") && !type.equals("plain_text") || only != null && !type.equals(only)) {
            violations.add(path + " is a text object of type '" + type + "'"
                    + (only == null ? "" : ", where Slack takes only " + only));
        }
        String value = text.path("text").asText("");
        if (value.isEmpty()) {
            violations.add(path + ".text is empty");
        }
        maxLength(text.path("text"), max, path + ".text");
        if (type.equals("mrkdwn")) {
            SlackMrkdwn.problems(value, mentions).forEach(problem -> violations.add(path + ".text has " + problem));
        }
    }

    private void maxLength(JsonNode value, int max, String path) {
        if (value.isTextual() && value.asText().length() > max) {
            violations.add(path + " has " + value.asText().length() + " characters, more than " + max);
        }
    }
}

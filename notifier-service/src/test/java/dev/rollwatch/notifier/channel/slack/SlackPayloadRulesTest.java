package dev.rollwatch.notifier.channel.slack;

import static dev.rollwatch.notifier.channel.slack.SlackPayloadRules.Call.INCOMING_WEBHOOK;
import static dev.rollwatch.notifier.channel.slack.SlackPayloadRules.Call.PLANNED;
import static dev.rollwatch.notifier.channel.slack.SlackPayloadRules.Call.POST_MESSAGE;
import static dev.rollwatch.notifier.channel.slack.SlackPayloadRules.Call.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EventJson;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule of the Slack payload check refuses what breaks it, and a good message passes them all. */
class SlackPayloadRulesTest {

    private static final Set<String> HERE = Set.of("<!here>");

    private static ObjectNode message() {
        return EventJson.read("""
                        {"text": "<!here> :rewind: checkout 1.4.2: Rolling back",
                         "attachments": [{"color": "#E01E5A", "blocks": [
                           {"type": "section", "text": {"type": "mrkdwn", "text": "<!here> :rewind: Rolling back: a &lt;b&gt; &amp; c"}},
                           {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Metric*\\nerrorRate"}]},
                           {"type": "context", "elements": [{"type": "mrkdwn",
                             "text": "Release `rel-1` · <https://github.com/example/pull/1?a=1&amp;b=2|change>"}]},
                           {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "View change"},
                             "url": "https://github.com/example/pull/1", "action_id": "view-change"}]},
                           {"type": "divider"},
                           {"type": "header", "text": {"type": "plain_text", "text": "checkout"}}]}]}
                """, ObjectNode.class);
    }

    private static ArrayNode blocks(ObjectNode message) {
        return (ArrayNode) message.at("/attachments/0/blocks");
    }

    private static ObjectNode block(ObjectNode message, int i) {
        return (ObjectNode) blocks(message).get(i);
    }

    private static List<String> planned(ObjectNode message) {
        return SlackPayloadRules.violations(PLANNED, message, HERE);
    }

    @Test
    void aMessageWithinEveryLimitPassesAsPlannedPostedUpdatedAndThroughAWebhook() {
        assertThat(planned(message())).isEmpty();
        assertThat(SlackPayloadRules.violations(POST_MESSAGE, message().put("channel", "#c"), HERE))
                .isEmpty();
        assertThat(SlackPayloadRules.violations(
                        POST_MESSAGE,
                        message()
                                .put("channel", "C1")
                                .put("thread_ts", "1700000000.000100")
                                .put("reply_broadcast", true),
                        HERE))
                .isEmpty();
        assertThat(SlackPayloadRules.violations(
                        UPDATE, message().put("channel", "C1").put("ts", "1700000000.000100"), HERE))
                .isEmpty();
        assertThat(SlackPayloadRules.violations(INCOMING_WEBHOOK, message(), HERE))
                .isEmpty();
    }

    @Test
    void fiftyOneBlocksAreOneTooMany() {
        ObjectNode message = message();
        while (blocks(message).size() < 51) {
            blocks(message).addObject().put("type", "divider");
        }

        assertThat(planned(message)).containsExactly("the message has 51 blocks, more than 50");
    }

    @Test
    void aSectionTextOver3000CharactersIsRefused() {
        ObjectNode message = message();
        ((ObjectNode) block(message, 0).get("text")).put("text", "x".repeat(3001));

        assertThat(planned(message))
                .containsExactly("attachments[0].blocks[0].text.text has 3001 characters, more than 3000");
    }

    @Test
    void aSectionFieldOver2000CharactersAndAnEleventhFieldAreRefused() {
        ObjectNode message = message();
        ArrayNode fields = (ArrayNode) block(message, 1).get("fields");
        ((ObjectNode) fields.get(0)).put("text", "y".repeat(2001));
        for (int i = 0; i < 10; i++) {
            fields.addObject().put("type", "mrkdwn").put("text", "field " + i);
        }

        assertThat(planned(message))
                .containsExactly(
                        "attachments[0].blocks[1].fields has 11 items, more than 10",
                        "attachments[0].blocks[1].fields[0].text has 2001 characters, more than 2000");
    }

    @Test
    void aHeaderOver150CharactersOrInMrkdwnIsRefused() {
        ObjectNode message = message();
        ((ObjectNode) block(message, 5).get("text"))
                .put("text", "h".repeat(151))
                .put("type", "mrkdwn");

        assertThat(planned(message))
                .containsExactly(
                        "attachments[0].blocks[5].text is a text object of type 'mrkdwn', where Slack takes only plain_text",
                        "attachments[0].blocks[5].text.text has 151 characters, more than 150");
    }

    @Test
    void aContextBlockWithElevenElementsIsRefused() {
        ObjectNode message = message();
        ArrayNode elements = (ArrayNode) block(message, 2).get("elements");
        for (int i = 0; i < 10; i++) {
            elements.addObject().put("type", "plain_text").put("text", "e" + i);
        }

        assertThat(planned(message)).containsExactly("attachments[0].blocks[2].elements has 11 items, not 1 to 10");
    }

    @Test
    void aBlockIdOver255CharactersIsRefused() {
        ObjectNode message = message();
        block(message, 4).put("block_id", "b".repeat(256));

        assertThat(planned(message))
                .containsExactly("attachments[0].blocks[4].block_id has 256 characters, more than 255");
    }

    @Test
    void aButtonWithAnOverlongTextOrUrlIsRefused() {
        ObjectNode message = message();
        ObjectNode button = (ObjectNode) block(message, 3).at("/elements/0");
        button.put("url", "https://example.com/" + "u".repeat(2981));
        ((ObjectNode) button.get("text")).put("text", "t".repeat(76));

        assertThat(planned(message))
                .containsExactly(
                        "attachments[0].blocks[3].elements[0].text.text has 76 characters, more than 75",
                        "attachments[0].blocks[3].elements[0].url has 3001 characters, more than 3000");
    }

    @Test
    void anUnescapedLessThanAmpersandOrGreaterThanInMrkdwnIsRefused() {
        ObjectNode message = message();
        ((ObjectNode) block(message, 0).get("text")).put("text", "a <b & c > d");

        assertThat(planned(message))
                .containsExactly(
                        "attachments[0].blocks[0].text.text has unescaped '<' at 2 in \"a <b & c > d\"",
                        "attachments[0].blocks[0].text.text has unescaped '&' at 5 in \"a <b & c > d\"",
                        "attachments[0].blocks[0].text.text has unescaped '>' at 9 in \"a <b & c > d\"");
    }

    @Test
    void aMentionRollwatchWasNotConfiguredWithIsRefusedInTheBlocksAndTheText() {
        ObjectNode message = message().put("text", "<!channel> deploy");
        ((ObjectNode) block(message, 0).get("text")).put("text", "hi <@U123>");

        assertThat(planned(message))
                .containsExactly(
                        "text has a mention Rollwatch was not configured with, <!channel>",
                        "attachments[0].blocks[0].text.text has a mention Rollwatch was not configured with, <@U123>");
    }

    @Test
    void anUnescapedAmpersandInALinkIsRefused() {
        ObjectNode message = message();
        ((ObjectNode) block(message, 2).at("/elements/0")).put("text", "<https://e.example/?a=1&b=2|change>");

        assertThat(planned(message)).singleElement(STRING).contains("unescaped '&' in a link");
    }

    @Test
    void aMessageTextOver4000CharactersOrMissingIsRefused() {
        assertThat(planned(message().put("text", "x".repeat(4001))))
                .containsExactly("text has 4001 characters, more than the 4000 Slack recommends");
        assertThat(planned(message().put("text", "x".repeat(40_001))))
                .containsExactly("text has 40001 characters: Slack truncates it at 40000");
        ObjectNode withoutText = message();
        withoutText.remove("text");
        assertThat(planned(withoutText))
                .containsExactly("text is missing: notifications and screen readers have nothing to show");
    }

    @Test
    void linkNamesOrFullParsingWouldTurnUserTextIntoMentions() {
        assertThat(planned(message().put("link_names", true)))
                .containsExactly("link_names is true: user text saying @channel would notify the channel");
        assertThat(planned(message().put("parse", "full")))
                .containsExactly("parse is full: user text saying @channel would notify the channel");
    }

    @Test
    void aReplyNeedsItsChannelAndAThreadTimestampToBroadcast() {
        assertThat(SlackPayloadRules.violations(POST_MESSAGE, message().put("reply_broadcast", true), HERE))
                .containsExactly("channel is missing", "reply_broadcast without thread_ts");
        assertThat(SlackPayloadRules.violations(
                        POST_MESSAGE, message().put("channel", "C1").put("thread_ts", "null"), HERE))
                .containsExactly("thread_ts 'null' is not a message timestamp");
    }

    @Test
    void anUpdateNeedsTheTimestampOfTheMessageItRewritesAndIsNoReply() {
        assertThat(SlackPayloadRules.violations(
                        UPDATE, message().put("channel", "C1").put("thread_ts", "1700000000.000100"), HERE))
                .containsExactly("ts '' is not a message timestamp", "thread_ts is set, but the parent is no reply");
    }

    @Test
    void aPlannedMessageOrAnIncomingWebhookCarriesNoChannel() {
        assertThat(planned(message().put("channel", "#c"))).containsExactly("channel is set, but the channel adds it");
        assertThat(SlackPayloadRules.violations(INCOMING_WEBHOOK, message().put("thread_ts", "1.2"), HERE))
                .containsExactly("thread_ts is set, but an incoming webhook has its channel and cannot thread or edit");
    }

    @Test
    void anUnknownBlockTypeFailsSlacksSdkModels() {
        ObjectNode message = message();
        block(message, 4).put("type", "banner");

        assertThat(planned(message))
                .contains("attachments[0].blocks[4] is a 'banner' block, whose limits these rules do not check")
                .anySatisfy(violation -> assertThat(violation)
                        .startsWith("Slack's SDK models cannot read it")
                        .contains("Unsupported layout block type: banner"));
    }

    @Test
    void aFieldOfTheWrongShapeFailsSlacksSdkModels() {
        ObjectNode message = message();
        block(message, 0).put("text", "not a text object");

        assertThat(planned(message))
                .anySatisfy(violation -> assertThat(violation).startsWith("Slack's SDK models cannot read it"));
    }

    @Test
    void aFieldSlacksSdkModelsDoNotHaveIsReported() {
        ObjectNode message = message();
        block(message, 0).put("colour", "red");
        message.put("thread", "1.2");

        assertThat(planned(message))
                .containsExactlyInAnyOrder(
                        "$.thread is not a field of Slack's SDK models",
                        "$.attachments[0].blocks[0].colour is not a field of Slack's SDK models");
    }

    @Test
    void halfAnEmojiIsRefused() {
        ObjectNode message = message();
        ((ObjectNode) block(message, 0).get("text")).put("text", "cut \uD83D");

        assertThat(planned(message))
                .containsExactly("$.attachments[0].blocks[0].text.text has half a surrogate pair at 4");
    }

    @Test
    void anAttachmentColourSlackDoesNotTakeIsRefused() {
        ObjectNode message = message();
        ((ObjectNode) message.at("/attachments/0")).put("color", "red");

        assertThat(planned(message)).containsExactly("attachments[0].color 'red' is no colour Slack takes");
    }
}

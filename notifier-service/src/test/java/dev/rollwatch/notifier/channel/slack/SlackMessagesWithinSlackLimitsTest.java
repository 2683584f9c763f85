package dev.rollwatch.notifier.channel.slack;

import static dev.rollwatch.notifier.channel.slack.SlackPayloadRules.Call.PLANNED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.notifier.channel.WorstCases;
import dev.rollwatch.notifier.domain.Change;
import dev.rollwatch.notifier.domain.Notice;
import dev.rollwatch.notifier.domain.ReleaseFacts;
import dev.rollwatch.notifier.domain.ReleaseView;
import dev.rollwatch.notifier.domain.Timeline;
import dev.rollwatch.notifier.templates.MessageTemplates;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every message the renderer can make stays within Slack's limits, escapes what people wrote and
 * reads with Slack's SDK models, for the longest and most awkward content a release can carry.
 */
class SlackMessagesWithinSlackLimitsTest {

    private static final String MENTION = "<!here>";
    private static final Set<String> MENTIONS = Set.of(MENTION);

    private final SlackMessages messages =
            new SlackMessages(new MessageTemplates(Map.of()), URI.create("https://rollwatch.example.com/"), MENTION);
    private final ReleaseFacts worst = WorstCases.facts();

    private static void conforms(JsonNode message) {
        SlackPayloadRules.assertConforms(PLANNED, message, MENTIONS);
    }

    @Test
    void everyParentStaysWithinSlacksLimits() {
        for (ReleaseView view : WorstCases.views()) {
            conforms(messages.parent(worst, view));
        }
    }

    @Test
    void everyReplyStaysWithinSlacksLimitsInTheThreadAndStandingAlone() {
        for (Notice notice : WorstCases.notices()) {
            conforms(messages.reply(worst, notice, false));
            conforms(messages.reply(worst, notice, true));
        }
    }

    @Test
    void aThousandStepReleaseIsAThousandSmallMessagesNotOneThatOutgrowsTheBlockLimit() {
        ReleaseView view = ReleaseView.requested();
        for (int i = 0; i < 1000; i++) {
            Change change = Timeline.apply(view, EventFixtures.weightSet("rel-1", i, 1000, i % 100));
            view = change.view();
            ObjectNode reply = messages.reply(worst, change.reply(), false);
            ObjectNode parent = messages.parent(worst, view);

            conforms(reply);
            conforms(parent);
            assertThat(reply.at("/attachments/0/blocks").size()).isLessThanOrEqualTo(3);
            assertThat(parent.at("/attachments/0/blocks").size()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aReplyCutAtTheSectionLimitLeavesNoHalfEntityBehind() {
        // Escaped, each '&' is five characters: wherever the cut falls, it can fall inside one.
        for (int shift = 0; shift < 5; shift++) {
            Notice notice = pause("x".repeat(shift) + "&".repeat(3000));

            ObjectNode reply = messages.reply(worst, notice, false);

            conforms(reply);
            assertThat(reply.at("/attachments/0/blocks/0/text/text").asText()).endsWith("&amp;…");
        }
    }

    @Test
    void aReplyCutAtTheSectionLimitLeavesNoHalfEmojiBehind() {
        for (int shift = 0; shift < 2; shift++) {
            conforms(messages.reply(worst, pause("x".repeat(shift) + "\uD83D\uDE80".repeat(3000)), false));
        }
    }

    @Test
    void anEvidenceFieldLongerThanSlackTakesIsCut() {
        Evidence longMetric = new Evidence(
                "m".repeat(2500),
                "sum(rate(x[1m]))",
                "1m",
                null,
                null,
                0.2,
                null,
                0.05,
                Evidence.Comparison.ABSOLUTE,
                1840,
                null);
        HealthDegraded degraded = new HealthDegraded(
                "rel-1",
                EventFixtures.T0,
                EventFixtures.T0,
                3,
                10,
                "scrape",
                List.of(longMetric),
                "error rate too high");

        ObjectNode reply = messages.reply(
                worst, Timeline.apply(ReleaseView.requested(), degraded).reply(), false);

        conforms(reply);
        assertThat(reply.at("/attachments/0/blocks/1/fields/0/text").asText())
                .hasSize(2000)
                .endsWith("…");
    }

    @Test
    void theChangeLinkEscapesTheAmpersandsOfItsUrl() {
        ReleaseFacts facts = new ReleaseFacts(
                "rel-1",
                "checkout",
                "shop",
                "registry.example.com/shop/checkout:1.4.2",
                "1.4.2",
                "canary",
                "ci-bot",
                null,
                null,
                "https://github.com/example/checkout/pull/912?a=1&b=2",
                null);

        JsonNode parent = messages.parent(facts, ReleaseView.requested());

        conforms(parent);
        assertThat(parent.at("/attachments/0/blocks/2/elements/0/text").asText())
                .endsWith("<https://github.com/example/checkout/pull/912?a=1&amp;b=2|change>");
        // A button's url is no mrkdwn: it goes as it is.
        assertThat(parent.at("/attachments/0/blocks/3/elements/1/url").asText())
                .isEqualTo("https://github.com/example/checkout/pull/912?a=1&b=2");
    }

    @Test
    void aReleaseLinkTooLongForAButtonIsLeftOut() {
        SlackMessages longBase = new SlackMessages(
                new MessageTemplates(Map.of()), URI.create("https://rollwatch.example.com/" + "p".repeat(3000)), null);

        JsonNode parent = longBase.parent(worst, ReleaseView.requested());

        conforms(parent);
        assertThat(parent.at("/attachments/0/blocks/3/elements").findValuesAsText("action_id"))
                .containsExactly("view-change");
    }

    private static Notice pause(String message) {
        StepCompleted step = new StepCompleted(
                "rel-1",
                0,
                4,
                StepCompleted.Action.PAUSE,
                StepCompleted.Outcome.SUCCEEDED,
                StepCompleted.Phase.PAUSED,
                null,
                EventFixtures.T0,
                EventFixtures.T0,
                message,
                null);
        return Timeline.apply(ReleaseView.requested(), step).reply();
    }
}

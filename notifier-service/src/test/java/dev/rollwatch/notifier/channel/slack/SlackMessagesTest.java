package dev.rollwatch.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.notifier.domain.Change;
import dev.rollwatch.notifier.domain.ReleaseFacts;
import dev.rollwatch.notifier.domain.ReleaseView;
import dev.rollwatch.notifier.domain.Timeline;
import dev.rollwatch.notifier.templates.MessageTemplates;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {

    private final SlackMessages messages =
            new SlackMessages(new MessageTemplates(Map.of()), URI.create("https://rollwatch.example.com/"), "<!here>");
    private final ReleaseFacts facts =
            ReleaseFacts.of(ReleaseRequestBuilder.canary().releaseId("rel-42").build(), Slo.MetricSource.Type.NONE);

    @Test
    void theParentSaysWhatWhoHowAndWhere() {
        ObjectNode parent = messages.parent(facts, ReleaseView.requested());

        JsonNode blocks = parent.at("/attachments/0/blocks");
        assertThat(parent.at("/attachments/0/color").asText()).isEqualTo("#9E9E9E");
        assertThat(blocks.at("/0/text/text").asText())
                .isEqualTo(
                        ":hourglass_flowing_sand: *checkout* 1.4.2 to `shop`\nRequested by ci-bot; waiting for the first step.");
        assertThat(blocks.at("/1/fields").findValuesAsText("text"))
                .containsExactly(
                        "*Application*\n`checkout` in `shop`",
                        "*Version*\n1.4.2",
                        "*Strategy*\ncanary",
                        "*Requested by*\nci-bot",
                        "*Commit*\n`7f3a9c1e5b2d`");
        assertThat(blocks.at("/2/elements/0/text").asText())
                .isEqualTo(
                        "Release `rel-42` · github-actions/shop/checkout#42 · <https://github.com/example/checkout/pull/912|change>");
        assertThat(blocks.at("/3/elements/0/url").asText())
                .isEqualTo("https://rollwatch.example.com/api/v1/releases/rel-42");
        assertThat(blocks.at("/3/elements/1/url").asText()).isEqualTo("https://github.com/example/checkout/pull/912");
        assertThat(parent.get("text").asText())
                .isEqualTo(":hourglass_flowing_sand: checkout 1.4.2: Requested by ci-bot; waiting for the first step.");
    }

    @Test
    void theParentOfAnExplicitlyUnwatchedReleaseSaysNothingJudgesItOrRollsItBack() {
        ReleaseFacts unwatched = ReleaseFacts.of(
                ReleaseRequestBuilder.canary().releaseId("rel-43").unwatched().build(), Slo.MetricSource.Type.SCRAPE);

        ObjectNode parent = messages.parent(unwatched, ReleaseView.requested());

        assertThat(parent.at("/attachments/0/blocks/0/text/text").asText())
                .isEqualTo(
                        ":hourglass_flowing_sand: *checkout* 1.4.2 to `shop`\nRequested by ci-bot; waiting for the first step.\n"
                                + ":warning: *Not watched* by any metric source (the request sets slo.metricSource.type to none): "
                                + "nothing judges 1.4.2, and it will not be rolled back automatically.");
        assertThat(parent.get("text").asText())
                .endsWith(
                        "Not watched by any metric source (the request sets "
                                + "slo.metricSource.type to none): nothing judges 1.4.2, and it will not be rolled back automatically.");
    }

    @Test
    void aReleaseNamingNoSourceIsShownUnwatchedOnlyWhenTheInstallationHasNoDefaultSource() {
        var request = ReleaseRequestBuilder.canary()
                .releaseId("rel-44")
                .withoutMetricSource()
                .build();

        String withoutDefault = messages.parent(
                        ReleaseFacts.of(request, Slo.MetricSource.Type.NONE), ReleaseView.requested())
                .at("/attachments/0/blocks/0/text/text")
                .asText();
        String withDefault = messages.parent(
                        ReleaseFacts.of(request, Slo.MetricSource.Type.SCRAPE), ReleaseView.requested())
                .at("/attachments/0/blocks/0/text/text")
                .asText();

        assertThat(withoutDefault)
                .contains("*Not watched* by any metric source (the request names no "
                        + "slo.metricSource and the installation's default source is none)");
        assertThat(withDefault).doesNotContain("Not watched");
    }

    @Test
    void aWatchedReleaseSaysNothingAboutWatching() {
        assertThat(messages.parent(facts, ReleaseView.requested()).toString()).doesNotContain("Not watched");
    }

    @Test
    void theParentTakesTheOutcomesColourAndWords() {
        ReleaseView done = Timeline.apply(ReleaseView.requested(), EventFixtures.promoted("rel-42", 4))
                .view();

        ObjectNode parent = messages.parent(facts, done);

        assertThat(parent.at("/attachments/0/color").asText()).isEqualTo("#2EB67D");
        assertThat(parent.at("/attachments/0/blocks/0/text/text").asText())
                .isEqualTo(":white_check_mark: *checkout* 1.4.2 to `shop`\nSucceeded: 1.4.2 is live.");
    }

    @Test
    void aDegradationReplyCarriesItsEvidenceAsFields() {
        Change change = Timeline.apply(ReleaseView.requested(), EventFixtures.healthDegraded("rel-42"));

        ObjectNode reply = messages.reply(facts, change.reply(), false);

        assertThat(reply.at("/attachments/0/color").asText()).isEqualTo("#ECB22E");
        assertThat(reply.at("/attachments/0/blocks/0/text/text").asText())
                .isEqualTo(
                        ":chart_with_downwards_trend: Health degraded at 10% canary traffic: error rate 12.4% &gt; 5% for 3 "
                                + "consecutive windows\n• errorRate 12.4% &gt; 5% over 1m (baseline 0.4%, 1840 requests)");
        assertThat(reply.at("/attachments/0/blocks/1/fields").findValuesAsText("text"))
                .containsExactly(
                        "*Metric*\nerrorRate",
                        "*Observed*\n12.4%",
                        "*Threshold*\n5%",
                        "*Window*\n1m",
                        "*Baseline*\n0.4%",
                        "*Requests*\n1840");
        assertThat(reply.has("reply_broadcast")).isFalse();
    }

    @Test
    void anUrgentReplyMentionsPeopleAndShowsInTheChannel() {
        Change change = Timeline.apply(
                ReleaseView.requested(),
                EventFixtures.rollbackNotice("rel-42", RollbackNotice.Kind.RESTORE_UNVERIFIED));

        ObjectNode reply = messages.reply(facts, change.reply(), false);

        assertThat(reply.get("reply_broadcast").asBoolean()).isTrue();
        assertThat(reply.at("/attachments/0/color").asText()).isEqualTo("#8B0000");
        assertThat(reply.at("/attachments/0/blocks/0/text/text").asText())
                .startsWith("<!here> :rotating_light: Rollback could NOT be verified:");
    }

    @Test
    void aStandaloneReplySaysWhichReleaseItIsAbout() {
        Change change = Timeline.apply(ReleaseView.requested(), EventFixtures.weightSet("rel-42", 0, 4, 10));

        ObjectNode reply = messages.reply(facts, change.reply(), true);

        assertThat(reply.get("text").asText())
                .isEqualTo(":arrow_forward: checkout 1.4.2: Step 1/4: 10% of traffic on 1.4.2.");
        assertThat(reply.at("/attachments/0/blocks/1/elements/0/text").asText()).startsWith("Release `rel-42`");
    }

    @Test
    void eventContentCannotInjectMentionsOrLinks() {
        var step = new dev.rollwatch.events.StepCompleted(
                "rel-42",
                0,
                4,
                dev.rollwatch.events.StepCompleted.Action.PAUSE,
                dev.rollwatch.events.StepCompleted.Outcome.SUCCEEDED,
                dev.rollwatch.events.StepCompleted.Phase.PAUSED,
                null,
                EventFixtures.T0,
                EventFixtures.T0,
                "<!channel> see <https://evil.example|here>",
                null);
        Change change = Timeline.apply(ReleaseView.requested(), step);

        String text = messages.reply(facts, change.reply(), false)
                .at("/attachments/0/blocks/0/text/text")
                .asText();

        assertThat(text)
                .contains("&lt;!channel&gt; see &lt;https://evil.example|here&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void aVersionCannotMentionTheChannelThroughTheNotificationText() {
        ReleaseFacts hostile = ReleaseFacts.of(
                ReleaseRequestBuilder.canary()
                        .releaseId("rel-43")
                        .version("1.2 <!channel>")
                        .build(),
                Slo.MetricSource.Type.NONE);
        Change change = Timeline.apply(ReleaseView.requested(), EventFixtures.weightSet("rel-43", 0, 4, 10));

        assertThat(messages.parent(hostile, ReleaseView.requested()).get("text").asText())
                .contains("1.2 &lt;!channel&gt;")
                .doesNotContain("<!channel>");
        assertThat(messages.reply(hostile, change.reply(), true).get("text").asText())
                .contains("1.2 &lt;!channel&gt;")
                .doesNotContain("<!channel>");
    }
}

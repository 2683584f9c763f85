package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.notifier.Remote.SlackCall;
import dev.rollwatch.notifier.messaging.DeadLetters;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Slack through the Web API, against WireMock standing in for Slack, with real Kafka and PostgreSQL. */
@QuarkusTest
@ExtendWith(SentRequestsFollowTheApis.class)
class SlackThreadIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTestClient kafka;
    private TopicRecorder deadLetters;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
        deadLetters = kafka.record(DeadLetters.TOPIC);
    }

    @AfterEach
    void tearDown() {
        deadLetters.close();
        kafka.close();
    }

    private static List<SlackCall> awaitCalls(String channel, Predicate<List<SlackCall>> done) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> done.test(Remote.slack(channel)));
        return Remote.slack(channel);
    }

    private static long replies(List<SlackCall> calls) {
        return calls.stream().filter(SlackCall::isReply).count();
    }

    private static SlackCall lastUpdate(List<SlackCall> calls) {
        return calls.stream().filter(SlackCall::isUpdate).reduce((a, b) -> b).orElse(null);
    }

    @Test
    void aSucceedingReleaseGetsOneParentWithEveryStepInItsThreadAndEndsSucceeded() {
        String channel = "#" + Releases.unique("ok");
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.slack(channel));
        String id = requested.subject();

        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 2, 4, 50)));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.promoted(id, 4)));

        List<SlackCall> calls = awaitCalls(
                channel,
                c -> replies(c) == 3
                        && lastUpdate(c) != null
                        && lastUpdate(c).text().contains("Succeeded"));

        SlackCall parent = calls.get(0);
        assertThat(parent.isParent()).as("the parent comes first").isTrue();
        assertThat(calls.stream().filter(SlackCall::isParent)).hasSize(1);
        assertThat(parent.authorization()).isEqualTo("Bearer " + WireMockResource.BOT_TOKEN);
        assertThat(parent.text())
                .isEqualTo(":hourglass_flowing_sand: *checkout* 1.4.2 to `shop`\n"
                        + "Requested by ci-bot; waiting for the first step.");
        assertThat(parent.body().at("/attachments/0/blocks/1/fields").findValuesAsText("text"))
                .contains("*Version*\n1.4.2", "*Strategy*\ncanary", "*Requested by*\nci-bot");
        assertThat(parent.body().at("/attachments/0/blocks/2/elements/0/text").asText())
                .contains("Release `" + id + "`", "<https://github.com/example/checkout/pull/912|change>");

        // Every reply hangs off the parent; the parent's channel id and ts came from Slack's answer.
        List<SlackCall> replies = calls.stream().filter(SlackCall::isReply).toList();
        assertThat(replies)
                .allSatisfy(reply ->
                        assertThat(reply.body().get("thread_ts").asText()).isNotBlank());
        String parentTs = replies.get(0).body().get("thread_ts").asText();
        assertThat(replies).extracting(r -> r.body().get("thread_ts").asText()).containsOnly(parentTs);
        assertThat(replies)
                .extracting(SlackCall::text)
                .containsExactly(
                        ":arrow_forward: Step 1/4: 10% of traffic on 1.4.2.",
                        ":arrow_forward: Step 3/4: 50% of traffic on 1.4.2.",
                        ":white_check_mark: 1.4.2 promoted to stable. new version promoted to stable");

        SlackCall last = lastUpdate(calls);
        assertThat(last.body().get("ts").asText()).isEqualTo(parentTs);
        assertThat(last.text()).isEqualTo(":white_check_mark: *checkout* 1.4.2 to `shop`\nSucceeded: 1.4.2 is live.");
        assertThat(last.color()).isEqualTo("#2EB67D");

        // At most one message per configured interval (300 ms in tests) in the channel; back to back (no
        // limit) they come ~50 ms apart. Measured where "Slack" logged them, after each call's own delay on
        // the way, so a single gap may look short: the span of all of them cannot, beyond one call's delay.
        // The first gap is left out: the very first call of the JVM warms the HTTP client up.
        int n = calls.size() - 1;
        assertThat(calls.get(n).at() - calls.get(1).at())
                .as("span of calls 1 to %d", n)
                .isGreaterThanOrEqualTo((n - 1) * 300L - 150);
    }

    @Test
    void aRolledBackReleaseShowsTheEvidenceTheRollbackAndTheVerifiedRestoreInItsThread() {
        String channel = "#" + Releases.unique("rb");
        String id = Releases.request(kafka, Releases.slack(channel)).subject();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        awaitCalls(channel, c -> replies(c) == 1);

        // Topics are consumed independently: each next event waits for the previous one's reply.
        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthDegraded(id)));
        // A newer state supersedes a parent update still waiting for its slot, so the breach is only sure to
        // show on the parent if the rollback arrives after that update went out.
        awaitCalls(
                channel,
                c -> replies(c) == 2
                        && lastUpdate(c) != null
                        && lastUpdate(c).text().startsWith(":warning: *checkout* 1.4.2 to `shop`\nDegraded:"));
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)));
        awaitCalls(channel, c -> replies(c) == 3);
        kafka.send(EventFixtures.event("executor-service", EventFixtures.rolledBack(id, 4)));
        awaitCalls(channel, c -> replies(c) == 4);
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackNotice(id, RollbackNotice.Kind.RESTORE_VERIFIED)));

        List<SlackCall> calls = awaitCalls(
                channel,
                c -> replies(c) == 5
                        && lastUpdate(c) != null
                        && lastUpdate(c).text().contains("verified healthy"));

        List<SlackCall> replies = calls.stream().filter(SlackCall::isReply).toList();
        SlackCall degraded = replies.get(1);
        assertThat(degraded.text())
                .startsWith(":chart_with_downwards_trend: Health degraded at 10% canary traffic: "
                        + "error rate 12.4% &gt; 5% for 3 consecutive windows");
        assertThat(degraded.body().at("/attachments/0/blocks/1/fields").findValuesAsText("text"))
                .containsExactly(
                        "*Metric*\nerrorRate",
                        "*Observed*\n12.4%",
                        "*Threshold*\n5%",
                        "*Window*\n1m",
                        "*Baseline*\n0.4%",
                        "*Requests*\n1840");
        assertThat(replies.get(2).text()).startsWith(":rewind: Rolling back: the new version broke its SLOs");
        assertThat(replies.get(2).text()).contains("Restoring `registry.example.com/shop/checkout:1.4.1`");
        assertThat(replies.get(3).text())
                .isEqualTo(":leftwards_arrow_with_hook: Rolled back: restored checkout:1.4.1, 100% traffic to stable");
        assertThat(replies.get(4).text()).startsWith(":white_check_mark: Stable version verified healthy.");
        String parentTs =
                calls.get(0).isParent() ? replies.get(0).body().get("thread_ts").asText() : null;
        assertThat(replies).extracting(r -> r.body().get("thread_ts").asText()).containsOnly(parentTs);

        SlackCall last = lastUpdate(calls);
        assertThat(last.text())
                .isEqualTo(":leftwards_arrow_with_hook: *checkout* 1.4.2 to `shop`\n"
                        + "Rolled back. The stable version is verified healthy.");
        assertThat(last.color()).isEqualTo("#E01E5A");
        // On the way the parent showed the breach with its evidence.
        assertThat(calls.stream().filter(SlackCall::isUpdate).map(SlackCall::text))
                .anyMatch(text -> text.startsWith(":warning: *checkout* 1.4.2 to `shop`\nDegraded: error rate 12.4%"));
    }

    @Test
    void anUnwatchedReleaseSaysInItsThreadParentThatNothingWillRollItBack() {
        String channel = "#" + Releases.unique("unwatched");
        String id = Releases.request(kafka, ReleaseRequestBuilder.canary().unwatched(), Releases.slack(channel))
                .subject();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));

        List<SlackCall> calls = awaitCalls(channel, c -> lastUpdate(c) != null);

        String unwatched = ":warning: *Not watched* by any metric source (the request sets slo.metricSource.type to "
                + "none): nothing judges 1.4.2, and it will not be rolled back automatically.";
        assertThat(calls.get(0).isParent()).isTrue();
        assertThat(calls.get(0).text())
                .isEqualTo(":hourglass_flowing_sand: *checkout* 1.4.2 to `shop`\n"
                        + "Requested by ci-bot; waiting for the first step.\n" + unwatched);
        // The parent is rewritten with every state: the line stays.
        assertThat(lastUpdate(calls).text()).endsWith("\n" + unwatched);
    }

    @Test
    void aRedeliveredEventIsNotPostedTwice() {
        String channel = "#" + Releases.unique("dup");
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.slack(channel));
        String id = requested.subject();
        CloudEvent<StepCompleted> step = EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10));

        kafka.send(requested);
        kafka.send(step);
        kafka.send(step);
        // Same topic and key as the duplicate, so consumed after it: once its reply is there, the duplicate was seen.
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 2, 4, 50)));

        List<SlackCall> calls =
                awaitCalls(channel, c -> c.stream().anyMatch(call -> call.text().contains("Step 3/4")));

        assertThat(calls.stream().filter(SlackCall::isParent)).hasSize(1);
        assertThat(calls.stream().filter(SlackCall::isReply).map(SlackCall::text))
                .containsExactly(
                        ":arrow_forward: Step 1/4: 10% of traffic on 1.4.2.",
                        ":arrow_forward: Step 3/4: 50% of traffic on 1.4.2.");
    }

    @Test
    void aRateLimitedChannelWaitsOutRetryAfterAndLosesNoMessage() {
        String channel = "#" + Releases.unique("busy");
        // Slack answers the first message with 429 and Retry-After: 2, then accepts again.
        answerFirstPost(channel, aResponse().withStatus(429).withHeader("Retry-After", "2"));
        String id = Releases.request(kafka, Releases.slack(channel)).subject();
        for (int i = 0; i < 3; i++) {
            kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, i, 4, 10 * (i + 1))));
        }

        List<SlackCall> calls = awaitCalls(channel, c -> replies(c) == 3);

        SlackCall refused = calls.get(0);
        SlackCall retried = calls.get(1);
        assertThat(refused.isParent()).isTrue();
        assertThat(retried.isParent())
                .as("the parent is retried before any reply")
                .isTrue();
        assertThat(retried.body()).isEqualTo(refused.body());
        assertThat(retried.at() - refused.at()).as("waited for Retry-After").isGreaterThanOrEqualTo(1_950);
        assertThat(calls.stream().filter(SlackCall::isReply).map(SlackCall::text))
                .containsExactly(
                        ":arrow_forward: Step 1/4: 10% of traffic on 1.4.2.",
                        ":arrow_forward: Step 2/4: 20% of traffic on 1.4.2.",
                        ":arrow_forward: Step 3/4: 30% of traffic on 1.4.2.");
        assertThat(deadLetters.records(DeadLetters.TOPIC, id)).isEmpty();
    }

    @Test
    void aRevokedTokenGoesToTheDeadLetterTopicWithTheReason() {
        String channel = "#" + Releases.unique("revoked");
        Remote.wireMock()
                .register(post(urlPathEqualTo("/slack/api/chat.postMessage"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"ok\":false,\"error\":\"token_revoked\"}")));
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.slack(channel));

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(DeadLetters.TOPIC, requested.subject());

        var headers = TopicRecorder.headers(dead);
        assertThat(headers.get(DeadLetters.REASON)).isEqualTo("Slack refused the message: token_revoked");
        assertThat(headers.get(DeadLetters.TARGET)).isEqualTo("slack:" + channel.substring(1));
        assertThat(headers.get(DeadLetters.KIND)).isEqualTo("PARENT_POST");
        assertThat(headers.get("ce_id")).isEqualTo(requested.id().toString());
        assertThat(headers.get("ce_type")).isEqualTo("dev.rollwatch.release.requested.v1");
        assertThat(dead.value()).contains("\"releaseId\":\"" + requested.subject() + "\"");
        assertThat(String.join(" ", headers.values())).doesNotContain(WireMockResource.BOT_TOKEN);
    }

    @Test
    void aParentPostThatGotNoAnswerIsNotPostedAgainButReportedAndTheReleaseIsStillTold() {
        String channel = "#" + Releases.unique("slow");
        // Slack takes the parent but answers later than the notifier waits (5 s in tests).
        answerFirstPost(channel, posted().withFixedDelay(6_000));
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.slack(channel));
        String id = requested.subject();

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(DeadLetters.TOPIC, id);

        var headers = TopicRecorder.headers(dead);
        assertThat(headers.get(DeadLetters.KIND)).isEqualTo("PARENT_POST");
        assertThat(headers.get(DeadLetters.REASON))
                .isEqualTo("outcome unknown (timed out waiting for the answer): "
                        + "the release's parent message may have been created, and is not sent again so that it cannot "
                        + "exist twice");
        // What happens next still reaches the channel, as plain messages rather than a second thread.
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        List<SlackCall> calls =
                awaitCalls(channel, c -> c.stream().anyMatch(call -> call.text().contains("Step 1/4")));
        assertThat(calls.stream().filter(call -> call.text().contains("waiting for the first step")))
                .as("the parent was posted once")
                .hasSize(1);
        assertThat(calls).noneMatch(SlackCall::isReply);
        assertThat(deadLetters.records(DeadLetters.TOPIC, id)).hasSize(1);
    }

    @Test
    void aParentPostStillRunningNearTheEndOfItsLeaseIsCutOffInsteadOfPostedTwice() {
        String channel = "#" + Releases.unique("relay");
        // Slack passes the parent along three redirects, each hop answering in 3 s (inside the 5 s outbound
        // timeout): 12 s in all, past the 10 s lease (tests). The attempt is cut off at 7.5 s.
        answerFirstPost(channel, redirect("/slack/relay/1"));
        for (int hop = 1; hop <= 3; hop++) {
            Remote.wireMock()
                    .register(post(urlPathEqualTo("/slack/relay/" + hop))
                            .atPriority(1)
                            .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                            .willReturn(
                                    hop < 3 ? redirect("/slack/relay/" + (hop + 1)) : posted().withFixedDelay(3_000)));
        }
        CloudEvent<ReleaseRequested> requested = Releases.request(kafka, Releases.slack(channel));
        String id = requested.subject();

        ConsumerRecord<String, String> dead = deadLetters.awaitRecord(DeadLetters.TOPIC, id);

        assertThat(TopicRecorder.headers(dead).get(DeadLetters.REASON))
                .isEqualTo("outcome unknown (no outcome "
                        + "within the delivery's lease): the release's parent message may have been created, and is not "
                        + "sent again so that it cannot exist twice");
        // No second attempt ran beside or after it: the next message is the release's step, unthreaded.
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        List<SlackCall> calls =
                awaitCalls(channel, c -> c.stream().anyMatch(call -> call.text().contains("Step 1/4")));
        assertThat(calls.stream()
                        .filter(SlackCall::isParent)
                        .filter(call -> call.text().contains("first step")))
                .as("parent posts")
                .hasSize(1);
        assertThat(deadLetters.records(DeadLetters.TOPIC, id)).hasSize(1);
    }

    /** Slack's answer to the first message posted in {@code channel}; later ones get the usual answer. */
    private static void answerFirstPost(String channel, ResponseDefinitionBuilder answer) {
        Remote.wireMock()
                .register(post(urlPathEqualTo("/slack/api/chat.postMessage"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.channel", equalTo(channel)))
                        .inScenario(channel)
                        .whenScenarioStateIs(STARTED)
                        .willSetStateTo("answered")
                        .willReturn(answer));
    }

    /** Slack accepting a message. */
    private static ResponseDefinitionBuilder posted() {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}");
    }

    private static ResponseDefinitionBuilder redirect(String path) {
        return aResponse().withStatus(307).withFixedDelay(3_000).withHeader("Location", Remote.baseUrl() + path);
    }
}

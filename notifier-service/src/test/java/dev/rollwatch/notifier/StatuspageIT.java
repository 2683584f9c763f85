package dev.rollwatch.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.notifier.Remote.StatuspageCall;
import dev.rollwatch.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The status page follows a release that degrades and is rolled back, against WireMock standing in for Statuspage. */
@QuarkusTest
@ExtendWith(SentRequestsFollowTheApis.class)
class StatuspageIT {

    private static final String PAGE = "pg-checkout";

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        kafka.createTopics(Releases.CONSUMED.toArray(String[]::new));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private static List<StatuspageCall> awaitCalls(String component, int count) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Remote.statuspage(component).size() >= count);
        return Remote.statuspage(component);
    }

    /** Events of one release come on several topics, each consumed on its own: each next one waits for the last. */
    private String rollBackAReleaseOf(String component) {
        String id =
                Releases.request(kafka, Releases.statuspage(PAGE, component)).subject();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthDegraded(id)));
        awaitCalls(component, 1);
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)));
        awaitCalls(component, 2);
        kafka.send(EventFixtures.event("executor-service", EventFixtures.rolledBack(id, 4)));
        // A verified restore resolves the incident, and a resolved incident is not reopened to "monitoring".
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Remote.statuspage(component).stream()
                        .anyMatch(call ->
                                call.body().at("/incident/status").asText().equals("monitoring")));
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackNotice(id, RollbackNotice.Kind.RESTORE_VERIFIED)));
        return id;
    }

    @Test
    void theIncidentIsOpenedUpdatedAsTheRollbackProceedsAndResolvedWhenTheRestoreIsVerified() {
        String component = Releases.unique("cmp");
        rollBackAReleaseOf(component);

        List<StatuspageCall> calls = awaitCalls(component, 4);

        assertThat(calls).hasSize(4);
        StatuspageCall open = calls.get(0);
        assertThat(open.method()).isEqualTo("POST");
        assertThat(open.path()).isEqualTo("/statuspage/v1/pages/" + PAGE + "/incidents");
        assertThat(open.authorization()).isEqualTo("OAuth " + WireMockResource.STATUSPAGE_KEY);
        assertThat(open.body().at("/incident/name").asText()).isEqualTo("checkout degraded after a release");
        assertThat(open.body().at("/incident/status").asText()).isEqualTo("investigating");
        assertThat(open.body().at("/incident/body").asText())
                .isEqualTo("We are investigating degraded performance of checkout after deploying version 1.4.2.");
        assertThat(open.body().at("/incident/components/" + component).asText()).isEqualTo("degraded_performance");
        assertThat(open.body().at("/incident/deliver_notifications").asBoolean())
                .isTrue();

        // Every later change goes to the incident Statuspage created.
        String incident = calls.get(1).path().substring(calls.get(1).path().lastIndexOf('/') + 1);
        assertThat(incident).startsWith("inc");
        assertThat(calls.subList(1, 4)).allSatisfy(call -> {
            assertThat(call.method()).isEqualTo("PATCH");
            assertThat(call.path()).isEqualTo("/statuspage/v1/pages/" + PAGE + "/incidents/" + incident);
            assertThat(call.body().at("/incident/name").isMissingNode()).isTrue();
        });
        assertThat(calls.get(1).body().at("/incident/status").asText()).isEqualTo("identified");
        assertThat(calls.get(1).body().at("/incident/components/" + component).asText())
                .isEqualTo("partial_outage");
        assertThat(calls.get(2).body().at("/incident/status").asText()).isEqualTo("monitoring");
        assertThat(calls.get(2).body().at("/incident/body").asText())
                .isEqualTo("The previous version of checkout is serving all traffic again. "
                        + "We are monitoring it while it is verified.");
        assertThat(calls.get(3).body().at("/incident/status").asText()).isEqualTo("resolved");
        assertThat(calls.get(3).body().at("/incident/components/" + component).asText())
                .isEqualTo("operational");
    }

    @Test
    void statuspageRateLimitsAreWaitedOutAndTheIncidentStillResolves() {
        String component = Releases.unique("cmp");
        // Statuspage's own "enhance your calm" 420, then accepted.
        Remote.wireMock()
                .register(patch(urlMatching("/statuspage/v1/pages/.*"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.incident.component_ids[0]", equalTo(component)))
                        .inScenario(component)
                        .whenScenarioStateIs(STARTED)
                        .willSetStateTo("calm")
                        .willReturn(aResponse().withStatus(420).withHeader("Retry-After", "1")));

        rollBackAReleaseOf(component);
        List<StatuspageCall> calls = awaitCalls(component, 5);

        assertThat(calls)
                .extracting(c -> c.body().at("/incident/status").asText())
                .containsExactly("investigating", "identified", "identified", "monitoring", "resolved");
        assertThat(calls.get(2).at() - calls.get(1).at()).isGreaterThanOrEqualTo(950);
    }

    @Test
    void anIncidentOpeningThatGotNoAnswerIsFoundOnTheNextAttemptInsteadOfOpenedTwice() {
        String component = Releases.unique("cmp");
        String incident = "inc-slow-" + component;
        // Statuspage opens the incident but answers later than the notifier waits (5 s in tests).
        Remote.wireMock()
                .register(post(urlMatching("/statuspage/v1/pages/.*"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.incident.component_ids[0]", equalTo(component)))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withFixedDelay(6_000)
                                .withBody("{\"id\":\"" + incident + "\"}")));
        String id =
                Releases.request(kafka, Releases.statuspage(PAGE, component)).subject();
        // ...and lists it, tagged with the release, among the page's unresolved incidents.
        Remote.wireMock()
                .register(get(urlPathEqualTo("/statuspage/v1/pages/" + PAGE + "/incidents/unresolved"))
                        .atPriority(1)
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("[{\"id\":\"" + incident + "\",\"metadata\":{\"rollwatch\":{\"release_id\":\""
                                        + id + "\"}},\"components\":[{\"id\":\"" + component + "\"}]}]")));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        kafka.send(EventFixtures.event("health-monitor-service", EventFixtures.healthDegraded(id)));
        awaitCalls(component, 1);
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)));

        List<StatuspageCall> calls = awaitCalls(component, 2);

        assertThat(calls).extracting(StatuspageCall::method).containsExactly("POST", "PATCH");
        assertThat(calls.get(0)
                        .body()
                        .at("/incident/metadata/rollwatch/release_id")
                        .asText())
                .isEqualTo(id);
        assertThat(calls.get(1).path()).isEqualTo("/statuspage/v1/pages/" + PAGE + "/incidents/" + incident);
        String unresolved = "/statuspage/v1/pages/" + PAGE + "/incidents/unresolved";
        assertThat(Remote.find(getRequestedFor(urlPathEqualTo(unresolved))))
                .isNotEmpty()
                .allSatisfy(get -> assertThat(get.getHeader("Authorization"))
                        .isEqualTo("OAuth " + WireMockResource.STATUSPAGE_KEY));
    }
}

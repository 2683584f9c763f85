package dev.rollwatch.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.rollback.testing.Scenario;
import dev.rollwatch.rollback.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each rollback policy, as the other services and operators see it on Kafka. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RollbackPoliciesIT {

    private final Scenario scenario = new Scenario();

    @AfterEach
    void close() {
        scenario.close();
    }

    private String release(RollbackPolicy policy) {
        ReleaseRequested request = scenario.request(
                Scenario.isolated(ReleaseRequestBuilder.canary()).rollbackPolicy(policy));
        scenario.step(EventFixtures.weightSet(request.releaseId(), 0, 4, 10));
        Scenario.awaitRequested(request.releaseId());
        return request.releaseId();
    }

    private void assertNoRollbackFor(String id) {
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.rollbacks(id).isEmpty());
    }

    @Test
    void manualPolicyRecommendsARollbackAndTheOperatorsAbortTriggersIt() {
        String id = release(RollbackPolicy.MANUAL);
        Instant before = TestClock.now();

        scenario.degraded(id);

        RollbackNotice recommended = scenario.awaitNotice(id, RollbackNotice.Kind.ROLLBACK_RECOMMENDED);
        assertThat(recommended.severity()).isEqualTo(RollbackNotice.Severity.WARNING);
        assertThat(recommended.deadline())
                .isBetween(before.plus(Duration.ofMinutes(10)), TestClock.now().plus(Duration.ofMinutes(10)));
        assertThat(recommended.evidence()).isNotEmpty();
        assertNoRollbackFor(id);

        scenario.abort(id);

        RollbackTriggered rollback = scenario.awaitRollback(id, 1);
        assertThat(rollback.reason()).isEqualTo(RollbackTriggered.Reason.MANUAL_ABORT);
        assertThat(rollback.policy()).isEqualTo(RollbackPolicy.MANUAL);
        assertThat(rollback.triggeredBy()).isEqualTo("oncall-maria");
        assertThat(rollback.evidence()).isEqualTo(recommended.evidence());
    }

    @Test
    void manualPolicyRollsBackByItselfWhenNobodyDecidesBeforeTheDeadline() {
        String id = release(RollbackPolicy.MANUAL);
        scenario.degraded(id);
        scenario.awaitNotice(id, RollbackNotice.Kind.ROLLBACK_RECOMMENDED);

        TestClock.advance(Duration.ofMinutes(10).plusSeconds(1));

        RollbackTriggered rollback = scenario.awaitRollback(id, 1);
        assertThat(rollback.reason()).isEqualTo(RollbackTriggered.Reason.DECISION_DEADLINE);
        assertThat(rollback.triggeredBy()).isEqualTo("rollback-service");
        // An abort after the deadline's rollback changes nothing.
        scenario.abort(id);
        Scenario.awaitInputs(id, 2);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.rollbacks(id).size() == 1);
    }

    @Test
    void freezePolicyHoldsTheReleaseAndAlertsWithoutRollingBack() {
        String id = release(RollbackPolicy.FREEZE);

        scenario.degraded(id);

        RollbackNotice frozen = scenario.awaitNotice(id, RollbackNotice.Kind.RELEASE_FROZEN);
        assertThat(frozen.severity()).isEqualTo(RollbackNotice.Severity.CRITICAL);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !scenario.commands(id).isEmpty());
        assertThat(scenario.commands(id)).singleElement().satisfies(pause -> {
            assertThat(pause.command()).isEqualTo(ReleaseCommand.Command.PAUSE);
            assertThat(pause.reason()).startsWith("policy freeze");
        });
        // More signals neither roll back nor pause again.
        scenario.degraded(id);
        Scenario.awaitInputs(id, 2);
        assertNoRollbackFor(id);
        assertThat(scenario.commands(id)).hasSize(1);
        assertThat(Scenario.rollback(id).getString("decision.status")).isEqualTo("FROZEN");
    }

    @Test
    void automaticIsTheDefaultForAReleaseThatNamesNoPolicy() {
        String id = release(null);

        scenario.degraded(id);

        assertThat(scenario.awaitRollback(id, 1).policy()).isEqualTo(RollbackPolicy.AUTOMATIC);
    }

    @Test
    void aLateSignalAfterTheReleaseSucceededIsOnlyRecorded() {
        String id = release(RollbackPolicy.AUTOMATIC);
        scenario.step(EventFixtures.promoted(id, 4));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "COMPLETED".equals(Scenario.rollback(id).getString("release.phase")));

        scenario.degraded(id);

        JsonPath state = Scenario.awaitInputs(id, 1);
        assertThat(state.getString("inputs[0].effect")).isEqualTo("RECORDED");
        assertThat(state.getString("inputs[0].note")).contains("already finished (COMPLETED)");
        assertThat(state.getString("decision")).isNull();
        assertNoRollbackFor(id);
        assertThat(scenario.notices(id)).isEmpty();
    }

    @Test
    void aSignalBeforeTheRequestWaitsForTheReleasesOwnPolicy() {
        ReleaseRequested request = Scenario.isolated(ReleaseRequestBuilder.canary())
                .rollbackPolicy(RollbackPolicy.MANUAL)
                .build();
        String id = request.releaseId();

        scenario.degraded(id);
        JsonPath waiting = Scenario.awaitInputs(id, 1);
        assertThat(waiting.getString("inputs[0].effect")).isEqualTo("DEFERRED");

        scenario.request(ReleaseRequestBuilder.canary()
                .releaseId(id)
                .namespace(request.namespace())
                .image(request.image())
                .rollbackPolicy(RollbackPolicy.MANUAL));

        scenario.awaitNotice(id, RollbackNotice.Kind.ROLLBACK_RECOMMENDED);
        assertThat(Scenario.rollback(id).getString("inputs[0].effect")).isEqualTo("DECIDED");
        assertNoRollbackFor(id);
    }

    @Test
    void aSignalForAReleaseWhoseRequestNeverCameGetsTheDefaultPolicyAfterTheGrace() {
        String id = "never-requested-" + Scenario.namespace();
        scenario.step(EventFixtures.weightSet(id, 0, 4, 10));
        scenario.degraded(id);
        Scenario.awaitInputs(id, 1);
        // The executor's step (with the stable state to restore) travels on another topic.
        Scenario.awaitPhase(id, "PROGRESSING");

        TestClock.advance(Duration.ofSeconds(31));

        RollbackTriggered rollback = scenario.awaitRollback(id, 1);
        assertThat(rollback.policy()).isEqualTo(RollbackPolicy.AUTOMATIC);
        assertThat(rollback.restoreTo()).isEqualTo(EventFixtures.STABLE);
        assertThat(Scenario.rollback(id).getString("decision.note")).contains("default policy automatic");
    }
}

package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.security.testing.TestApiKeys;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators steer releases through commands on release.commands; the audit trail keeps who did what. */
@QuarkusTest
class CommandsIT {

    private KafkaTestClient kafka;
    private TopicRecorder recorder;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(Topics.RELEASE_COMMANDS);
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        kafka.close();
    }

    private static String created() {
        ReleaseRequested request = TestReleases.canary().build();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        return request.releaseId();
    }

    @Test
    void eachCommandIsPublishedWithTheOperatorAndReason() {
        String id = created();

        for (String command : new String[] {"pause", "resume", "promote", "abort"}) {
            Api.as(TestApiKeys.OPERATOR)
                    .body("{\"reason\": \"payments incident\"}")
                    .post("/api/v1/releases/" + id + "/" + command)
                    .then()
                    .statusCode(202)
                    .body("command", equalTo(command));
        }

        assertThat(recorder.awaitEvents(Topics.RELEASE_COMMANDS, id, 4))
                .extracting(e -> ((ReleaseCommand) e.data()).command())
                .containsExactly(
                        ReleaseCommand.Command.PAUSE,
                        ReleaseCommand.Command.RESUME,
                        ReleaseCommand.Command.PROMOTE,
                        ReleaseCommand.Command.ABORT);
        CloudEvent<?> abort = recorder.events(Topics.RELEASE_COMMANDS, id).get(3);
        assertThat(((ReleaseCommand) abort.data()).requestedBy()).isEqualTo("oncall");
        assertThat(((ReleaseCommand) abort.data()).reason()).isEqualTo("payments incident");
        // The release-service reads its own commands back into the audit trail.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Api.as(TestApiKeys.VIEWER)
                        .get("/api/v1/releases/" + id)
                        .jsonPath()
                        .getList("history.note", String.class)
                        .contains("abort requested by oncall: payments incident"));
    }

    @Test
    void aFinishedReleaseRefusesCommands() {
        String id = created();
        kafka.send(EventFixtures.event("executor-service", EventFixtures.promoted(id, 4)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ReleaseState.SUCCEEDED
                        .name()
                        .equals(Api.as(TestApiKeys.VIEWER)
                                .get("/api/v1/releases/" + id)
                                .jsonPath()
                                .getString("release.state")));

        Api.as(TestApiKeys.OPERATOR)
                .post("/api/v1/releases/" + id + "/abort")
                .then()
                .statusCode(409)
                .body("detail", containsString("already ended SUCCEEDED"));
    }

    @Test
    void aReleaseWhoseRestoreFailedBlocksItsApplicationAndTakesOnlyResolve() {
        ReleaseRequested request = TestReleases.canary().build();
        String id = request.releaseId();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(request))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);
        // Resolve applies to nothing else.
        Api.as(TestApiKeys.OPERATOR)
                .post("/api/v1/releases/" + id + "/resolve")
                .then()
                .statusCode(409)
                .body("detail", containsString("only a release whose restore failed can be resolved"));
        kafka.send(EventFixtures.event("executor-service", EventFixtures.weightSet(id, 0, 4, 10)));
        kafka.send(EventFixtures.event(
                "rollback-service", EventFixtures.rollbackTriggered(id, RollbackTriggered.Reason.HEALTH_DEGRADED)));
        kafka.send(EventFixtures.event(
                "executor-service", EventFixtures.restoreFailing(id, 4, "Deployment checkout not found")));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ReleaseState.RESTORE_FAILED
                        .name()
                        .equals(Api.as(TestApiKeys.VIEWER)
                                .get("/api/v1/releases/" + id)
                                .jsonPath()
                                .getString("release.state")));

        // Not over: the application's next release waits for it.
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(
                        TestReleases.canary().application(request.application()).build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(409);
        Api.as(TestApiKeys.OPERATOR)
                .post("/api/v1/releases/" + id + "/pause")
                .then()
                .statusCode(409)
                .body("detail", containsString("resolve it"));
        Api.as(TestApiKeys.OPERATOR)
                .body("{\"reason\": \"recreated the Deployment by hand\"}")
                .post("/api/v1/releases/" + id + "/resolve")
                .then()
                .statusCode(202)
                .body("command", equalTo("resolve"));
        assertThat(recorder.awaitEvents(Topics.RELEASE_COMMANDS, id, 1))
                .extracting(e -> ((ReleaseCommand) e.data()).command())
                .containsExactly(ReleaseCommand.Command.RESOLVE);
    }

    @Test
    void unknownReleasesAndCommandsAre404() {
        Api.as(TestApiKeys.OPERATOR)
                .post("/api/v1/releases/no-such-release/pause")
                .then()
                .statusCode(404);
        Api.as(TestApiKeys.OPERATOR)
                .post("/api/v1/releases/" + created() + "/restart")
                .then()
                .statusCode(404);
    }
}

package dev.rollwatch.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.rollback.testing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An artifact rolled back for its health is quarantined; new releases of it are flagged unless they override. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class QuarantineIT {

    private final Scenario scenario = new Scenario();

    @AfterEach
    void close() {
        scenario.close();
    }

    private ReleaseRequested running(String image, Boolean override, RollbackPolicy policy) {
        ReleaseRequested request = scenario.request(ReleaseRequestBuilder.canary()
                .namespace(Scenario.namespace())
                .image(image)
                .quarantineOverride(override)
                .rollbackPolicy(policy));
        scenario.step(EventFixtures.weightSet(request.releaseId(), 0, 4, 10));
        Scenario.awaitRequested(request.releaseId());
        return request;
    }

    private String rolledBackForHealth(String image) {
        String id = running(image, null, RollbackPolicy.AUTOMATIC).releaseId();
        scenario.degraded(id);
        scenario.awaitRollback(id, 1);
        return id;
    }

    @Test
    void aRollbackForHealthQuarantinesTheArtifact() {
        String image = Scenario.uniqueImage();

        String id = rolledBackForHealth(image);

        RollbackNotice notice = scenario.awaitNotice(id, RollbackNotice.Kind.ARTIFACT_QUARANTINED);
        assertThat(notice.image()).isEqualTo(image);
        assertThat(notice.severity()).isEqualTo(RollbackNotice.Severity.WARNING);
        List<String> quarantined = Scenario.api()
                .get("/api/v1/quarantine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.releaseId == '" + id + "' }.image", String.class);
        assertThat(quarantined).containsExactly(image);
    }

    @Test
    void aNewReleaseOfAQuarantinedArtifactIsFlagged() {
        String image = Scenario.uniqueImage();
        String bad = rolledBackForHealth(image);
        scenario.awaitNotice(bad, RollbackNotice.Kind.ARTIFACT_QUARANTINED);

        ReleaseRequested again = scenario.request(
                ReleaseRequestBuilder.canary().namespace(Scenario.namespace()).image(image));

        RollbackNotice flagged = scenario.awaitNotice(again.releaseId(), RollbackNotice.Kind.ARTIFACT_QUARANTINED);
        assertThat(flagged.image()).isEqualTo(image);
        assertThat(flagged.message()).contains(bad).contains("quarantineOverride");
        assertThat(Scenario.rollback(again.releaseId()).getString("release.quarantineFlaggedAt"))
                .isNotNull();
    }

    @Test
    void aReleaseThatOverridesTheQuarantineIsNotFlagged() {
        String image = Scenario.uniqueImage();
        String bad = rolledBackForHealth(image);
        scenario.awaitNotice(bad, RollbackNotice.Kind.ARTIFACT_QUARANTINED);

        ReleaseRequested override = running(image, true, RollbackPolicy.AUTOMATIC);

        assertThat(Scenario.rollback(override.releaseId()).getBoolean("release.quarantineOverride"))
                .isTrue();
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.notices(override.releaseId()).isEmpty());
        assertThat(Scenario.rollback(override.releaseId()).getString("release.quarantineFlaggedAt"))
                .isNull();
    }

    @Test
    void aReleaseAlreadyRunningTheArtifactIsFlaggedWhenItIsQuarantined() {
        String image = Scenario.uniqueImage();
        ReleaseRequested other = running(image, null, RollbackPolicy.AUTOMATIC);

        String bad = rolledBackForHealth(image);

        RollbackNotice flagged = scenario.awaitNotice(other.releaseId(), RollbackNotice.Kind.ARTIFACT_QUARANTINED);
        assertThat(flagged.message()).contains(bad);
    }

    @Test
    void anAbortWithoutAHealthBreachQuarantinesNothing() {
        String image = Scenario.uniqueImage();
        String id = running(image, null, RollbackPolicy.AUTOMATIC).releaseId();

        scenario.abort(id);

        scenario.awaitRollback(id, 1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> scenario.notices(id).isEmpty());
        assertThat(Scenario.api()
                        .get("/api/v1/quarantine")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("image", String.class))
                .doesNotContain(image);
    }
}

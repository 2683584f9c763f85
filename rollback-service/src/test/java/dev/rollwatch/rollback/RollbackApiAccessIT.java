package dev.rollwatch.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import dev.rollwatch.rollback.persistence.TrackedReleaseRepository;
import dev.rollwatch.rollback.testing.Scenario;
import dev.rollwatch.security.testing.ApiAccess;
import dev.rollwatch.security.testing.Caller;
import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The authorisation matrix of the rollback API: every caller of {@link Caller} against every endpoint,
 * over one release in each namespace and one whose request never arrived (no namespace known), each
 * with a quarantined artifact.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RollbackApiAccessIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> RELEASE_IN = Map.of(
            TestApiKeys.THE_NAMESPACE, "access-shop-" + SUFFIX,
            TestApiKeys.ANOTHER_NAMESPACE, "access-payments-" + SUFFIX);
    private static final String WITHOUT_REQUEST = "access-unrequested-" + SUFFIX;
    /** The artifact each release quarantined, by release. */
    private static final Map<String, String> ARTIFACT_OF = new LinkedHashMap<>();

    private static boolean seeded;

    @Inject
    TrackedReleaseRepository releases;

    @Inject
    Quarantines quarantines;

    @Inject
    Vertx vertx;

    @BeforeEach
    void seedOneQuarantiningReleasePerNamespace() {
        if (seeded) {
            return;
        }
        Instant at = Instant.now();
        for (String namespace : RELEASE_IN.keySet()) {
            seed(RELEASE_IN.get(namespace), namespace, at);
        }
        seed(WITHOUT_REQUEST, null, at);
        seeded = true;
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void aReleasesRollbackIsShownOnlyToAViewerOfItsNamespace(Caller caller) {
        caller.assertReads("/api/v1/rollbacks/", RELEASE_IN);
        caller.request()
                .get("/api/v1/rollbacks/{id}", WITHOUT_REQUEST)
                .then()
                .statusCode(caller.authenticated() ? 404 : 401);
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void theQuarantineShowsTheArtifactsOfTheKeysNamespaceAndNoOther(Caller caller) {
        Response response = caller.request().get("/api/v1/quarantine");
        if (!caller.authenticated()) {
            response.then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"rollwatch\"");
            return;
        }
        List<String> shown =
                response.then().statusCode(200).extract().jsonPath().getList("artifact");

        assertThat(shown)
                .contains(ARTIFACT_OF.get(RELEASE_IN.get(caller.namespace())))
                .doesNotContain(
                        ARTIFACT_OF.get(RELEASE_IN.get(caller.otherNamespace())), ARTIFACT_OF.get(WITHOUT_REQUEST));
    }

    @Test
    void aKeyForEveryNamespaceSeesEveryReleaseAndArtifactIncludingOnesOfNoKnownNamespace() {
        List<String> shown = Scenario.api()
                .get("/api/v1/quarantine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("artifact");

        assertThat(shown).containsAll(ARTIFACT_OF.values());
        Scenario.api().get("/api/v1/rollbacks/{id}", WITHOUT_REQUEST).then().statusCode(200);
    }

    @Test
    void anotherNamespacesReleaseAnswersExactlyAsAnUnknownOne() {
        ApiAccess.assertAnswersAsUnknown("/api/v1/rollbacks/", RELEASE_IN.get(TestApiKeys.ANOTHER_NAMESPACE));
    }

    @Test
    void healthAndMetricsAreOpenForProbesAndScrapersAndNoApiDocumentIsServed() {
        ApiAccess.assertProbesAndScrapersNeedNoKey(false);
    }

    /** A release the service tracks (with its request when {@code namespace} is set) whose rollback quarantined an artifact. */
    private void seed(String releaseId, String namespace, Instant at) {
        String image = Scenario.uniqueImage();
        TrackedReleaseEntity release = new TrackedReleaseEntity();
        release.releaseId = releaseId;
        release.image = image;
        release.artifact = image;
        release.phase = "ROLLED_BACK";
        release.updatedAt = at;
        if (namespace != null) {
            release.request = TrackedReleaseRepository.requestJson(ReleaseRequestBuilder.canary()
                    .releaseId(releaseId)
                    .namespace(namespace)
                    .image(image)
                    .build());
        }
        ReactiveWork.onOwnContext(
                        vertx,
                        () -> Panache.withTransaction(() -> releases.persist(release)
                                .chain(() -> quarantines.quarantine(image, image, releaseId, "seeded", at))
                                .chain(inserted -> Uni.createFrom().voidItem())))
                .await()
                .atMost(Duration.ofSeconds(10));
        ARTIFACT_OF.put(releaseId, image);
    }
}

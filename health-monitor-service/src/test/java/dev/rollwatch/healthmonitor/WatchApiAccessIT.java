package dev.rollwatch.healthmonitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import dev.rollwatch.security.testing.ApiAccess;
import dev.rollwatch.security.testing.Caller;
import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authorisation matrix of the watch API: every caller of {@link Caller} against every endpoint, over
 * one ended watch in each namespace and one whose release request never arrived (no namespace).
 */
@QuarkusTest
class WatchApiAccessIT {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, String> WATCH_IN = Map.of(
            TestApiKeys.THE_NAMESPACE, "access-shop-" + SUFFIX,
            TestApiKeys.ANOTHER_NAMESPACE, "access-payments-" + SUFFIX);
    private static final String WITHOUT_NAMESPACE = "access-awaiting-" + SUFFIX;
    private static boolean seeded;

    @Inject
    WatchRepository watches;

    @Inject
    Vertx vertx;

    @BeforeAll
    static void problemsAreJson() {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    @BeforeEach
    void seedOneWatchPerNamespace() {
        if (seeded) {
            return;
        }
        // Ended watches: the poller never picks them up, so they stay exactly as written. Newer than any
        // other test's, so they are on the list's first page.
        Instant at = Instant.now().plus(Duration.ofDays(1));
        List<WatchEntity> rows = List.of(
                ended(WATCH_IN.get(TestApiKeys.THE_NAMESPACE), TestApiKeys.THE_NAMESPACE, at),
                ended(WATCH_IN.get(TestApiKeys.ANOTHER_NAMESPACE), TestApiKeys.ANOTHER_NAMESPACE, at),
                ended(WITHOUT_NAMESPACE, null, at));
        ReactiveWork.onOwnContext(vertx, () -> Panache.withTransaction(() -> watches.persist(rows)))
                .await()
                .atMost(Duration.ofSeconds(10));
        seeded = true;
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void aWatchIsShownOnlyToAViewerOfItsNamespace(Caller caller) {
        caller.assertReads("/api/v1/watches/", WATCH_IN);
        caller.request()
                .get("/api/v1/watches/" + WITHOUT_NAMESPACE)
                .then()
                .statusCode(caller.authenticated() ? 404 : 401);
    }

    @ParameterizedTest
    @EnumSource(Caller.class)
    void theListShowsTheWatchesOfTheKeysNamespaceAndNoOther(Caller caller) {
        for (String query : List.of("", "?state=ENDED")) {
            Response response = caller.request().get("/api/v1/watches" + query);
            if (!caller.authenticated()) {
                response.then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"rollwatch\"");
                continue;
            }
            List<String> shown =
                    response.then().statusCode(200).extract().jsonPath().getList("releaseId");
            assertThat(shown)
                    .as("%s%s", caller, query)
                    .contains(WATCH_IN.get(caller.namespace()))
                    .doesNotContain(WATCH_IN.get(caller.otherNamespace()), WITHOUT_NAMESPACE);
        }
    }

    @Test
    void aKeyForEveryNamespaceSeesEveryWatchIncludingOnesOfNoNamespaceYet() {
        List<String> shown = given().auth()
                .oauth2(TestApiKeys.VIEWER)
                .get("/api/v1/watches")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("releaseId");

        assertThat(shown).containsAll(WATCH_IN.values()).contains(WITHOUT_NAMESPACE);
        given().auth()
                .oauth2(TestApiKeys.VIEWER)
                .get("/api/v1/watches/" + WITHOUT_NAMESPACE)
                .then()
                .statusCode(200);
    }

    @Test
    void anotherNamespacesWatchAnswersExactlyAsAnUnknownOne() {
        ApiAccess.assertAnswersAsUnknown("/api/v1/watches/", WATCH_IN.get(TestApiKeys.ANOTHER_NAMESPACE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "abc", "1e3", "99999999999"})
    void verdictsOutsideOneTo200IsRefusedNamingTheParameter(String verdicts) {
        Caller.VIEWER_OF_THE_NAMESPACE
                .request()
                .queryParam("verdicts", verdicts)
                .get("/api/v1/watches/" + WATCH_IN.get(TestApiKeys.THE_NAMESPACE))
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("verdicts"))
                .body("errors[0].message", equalTo("must be a whole number between 1 and 200"));
    }

    @Test
    void anUnknownStateIsRefusedNamingTheParameter() {
        Caller.VIEWER_OF_THE_NAMESPACE
                .request()
                .queryParam("state", "SLEEPING")
                .get("/api/v1/watches")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void healthAndMetricsAreOpenForProbesAndScrapersAndNoApiDocumentIsServed() {
        ApiAccess.assertProbesAndScrapersNeedNoKey(false);
    }

    private static WatchEntity ended(String releaseId, String namespace, Instant at) {
        WatchEntity watch = new WatchEntity();
        watch.releaseId = releaseId;
        watch.state = WatchState.ENDED;
        watch.application = "checkout";
        watch.namespace = namespace;
        watch.endedAt = at;
        watch.endReason = "seeded by the access test";
        watch.createdAt = at;
        watch.updatedAt = at;
        return watch;
    }
}

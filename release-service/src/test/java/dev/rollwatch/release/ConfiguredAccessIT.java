package dev.rollwatch.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.rollwatch.security.testing.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settings an operator chooses: a public address, a cap on stream clients, and a key's namespaces. */
@QuarkusTest
@TestProfile(ConfiguredAccessIT.Settings.class)
class ConfiguredAccessIT {

    /** A key whose namespaces line came out empty from a template. */
    static final String SLIPPED = "slipped-template-key-5b7d";

    public static class Settings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("rollwatch.release.stream-clients", "1");
            config.put("rollwatch.release.public-base-url", "https://rollwatch.example.com/");
            TestApiKeys.key(config, "slipped", SLIPPED, "releaser", "");
            return config;
        }
    }

    @TestHTTPResource("/api/v1/releases/stream")
    URI stream;

    @BeforeAll
    static void problemsAreJson() {
        RestAssured.registerParser("application/problem+json", Parser.JSON);
    }

    @Test
    void locationUsesTheConfiguredPublicAddressNotTheHostHeader() {
        String id = TestReleases.canary().build().releaseId();
        Api.as(TestApiKeys.ADMIN)
                .header("Host", "evil.example")
                .body(Api.body(TestReleases.canary().releaseId(id).build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202)
                .header("Location", equalTo("https://rollwatch.example.com/api/v1/releases/" + id));
    }

    @Test
    void aKeyWithAnEmptyNamespacesLineGrantsNothing() {
        String id = TestReleases.canary().build().releaseId();
        Api.as(TestApiKeys.ADMIN)
                .body(Api.body(TestReleases.canary().releaseId(id).build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(202);

        Api.as(SLIPPED).get("/api/v1/releases").then().statusCode(200).body("total", equalTo(0));
        Api.as(SLIPPED).get("/api/v1/releases/" + id).then().statusCode(404);
        Api.as(SLIPPED)
                .body(Api.body(TestReleases.canary().build()))
                .post("/api/v1/releases")
                .then()
                .statusCode(403);
    }

    @Test
    void aStreamClientBeyondTheCapIsAnswered503WithRetryAfter() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> first = open(client);
        try {
            assertThat(first.statusCode()).isEqualTo(200);

            HttpResponse<String> second = client.send(request(), HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(second.body()).contains("\"status\":503");
        } finally {
            first.body().close();
        }
        // The slot comes back once the first client has gone.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<InputStream> again = open(client);
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    private HttpResponse<InputStream> open(HttpClient client) throws Exception {
        return client.send(request(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestApiKeys.VIEWER)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
    }
}

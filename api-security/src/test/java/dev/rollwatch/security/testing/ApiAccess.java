package dev.rollwatch.security.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.UUID;

/** What every service's authorisation matrix asserts beyond one caller's status codes. */
public final class ApiAccess {

    private ApiAccess() {}

    /**
     * A viewer of {@value TestApiKeys#THE_NAMESPACE} reading {@code path + hiddenId}, an item of another
     * namespace, gets exactly what it gets for an id nothing has (status, type and body but for the id):
     * no oracle for ids or namespaces.
     */
    public static void assertAnswersAsUnknown(String path, String hiddenId) {
        String unknown = "no-such-" + UUID.randomUUID();
        Response hidden = Caller.VIEWER_OF_THE_NAMESPACE.request().get(path + hiddenId);
        Response missing = Caller.VIEWER_OF_THE_NAMESPACE.request().get(path + unknown);

        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(hidden.contentType()).isEqualTo(missing.contentType());
        assertThat(hidden.asString().replace(hiddenId, "<id>"))
                .isEqualTo(missing.asString().replace(unknown, "<id>"));
    }

    /**
     * The paths outside the API that answer without a key: health for the kubelet's probes, metrics for
     * Prometheus, and the API document where the service serves one (404 where it does not).
     */
    public static void assertProbesAndScrapersNeedNoKey(boolean servesApiDocument) {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(servesApiDocument ? 200 : 404);
    }
}

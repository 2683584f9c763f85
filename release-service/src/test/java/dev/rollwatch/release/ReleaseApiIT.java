package dev.rollwatch.release;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReleaseApiIT {

    @Test
    void acceptsAValidCanaryRelease() {
        given().auth().oauth2(TestApiKeys.ADMIN)
                .contentType(ContentType.JSON)
                .body(Api.body(ReleaseRequestBuilder.canary().releaseId(null).build()))
                .when().post("/api/v1/releases")
                .then().statusCode(202)
                .header("Location", startsWith("http"))
                .body("state", equalTo("PENDING"));
    }
}

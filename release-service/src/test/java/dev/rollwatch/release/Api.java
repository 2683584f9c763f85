package dev.rollwatch.release;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.codec.EventJson;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The release API as CI and dashboards call it. */
final class Api {

    private Api() {}

    /** The POST body CI sends for this release: the request without what the server decides. */
    static ObjectNode body(ReleaseRequested request) {
        ObjectNode body = EventJson.mapper().valueToTree(request);
        body.remove("requestedAt");
        if (body.has("requestedBy")) {
            ((ObjectNode) body.get("requestedBy")).remove("actor");
        }
        return body;
    }

    static RequestSpecification as(String apiKey) {
        return given().auth().oauth2(apiKey).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}

package dev.rollwatch.security.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.Set;

/**
 * The rows of the authorisation matrix every service's API is held to: who calls, with what, and what
 * the key may do. Each service's matrix test runs every row against every endpoint and asserts the
 * status and which namespace's data comes back.
 */
public enum Caller {
    NO_KEY(null, Set.of(), null),
    /** A valid key in a scheme the API does not read: never accepted as a key. */
    MALFORMED_AUTHORIZATION("Token " + TestApiKeys.VIEWER, Set.of(), null),
    UNKNOWN_KEY("Bearer not-a-configured-key-93c1", Set.of(), null),
    VIEWER_OF_ANOTHER_NAMESPACE(
            "Bearer " + TestApiKeys.VIEWER_PAYMENTS, Set.of("viewer"), TestApiKeys.ANOTHER_NAMESPACE),
    VIEWER_OF_THE_NAMESPACE("Bearer " + TestApiKeys.VIEWER_SHOP, Set.of("viewer"), TestApiKeys.THE_NAMESPACE),
    RELEASER("Bearer " + TestApiKeys.CI_SHOP, Set.of("viewer", "releaser"), TestApiKeys.THE_NAMESPACE),
    OPERATOR("Bearer " + TestApiKeys.OPERATOR_SHOP, Set.of("viewer", "operator"), TestApiKeys.THE_NAMESPACE);

    private final String authorization;
    private final Set<String> roles;
    private final String namespace;

    Caller(String authorization, Set<String> roles, String namespace) {
        this.authorization = authorization;
        this.roles = roles;
        this.namespace = namespace;
    }

    /** A request as this caller sends it. */
    public RequestSpecification request() {
        RequestSpecification request = given();
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** The Authorization header this caller sends, for clients other than REST Assured; null for none. */
    public String authorization() {
        return authorization;
    }

    /** Whether the API knows who this is; if not, every API call is 401. */
    public boolean authenticated() {
        return namespace != null;
    }

    /** Whether the key holds {@code role} (viewer, releaser or operator), implied ones included. */
    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The one namespace the key covers; null for a caller the API does not know. */
    public String namespace() {
        return namespace;
    }

    /** The namespace of the matrix the key does not cover. */
    public String otherNamespace() {
        return TestApiKeys.THE_NAMESPACE.equals(namespace) ? TestApiKeys.ANOTHER_NAMESPACE : TestApiKeys.THE_NAMESPACE;
    }

    /** Reads {@code path + id} for the item of each namespace and asserts the status this caller gets. */
    public void assertReads(String path, Map<String, String> idInNamespace) {
        idInNamespace.forEach((namespace, id) -> request().get(path + id).then().statusCode(readStatus(namespace)));
    }

    /** The status of a read of one item of {@code itemNamespace}: 401, 403 without the role, 404 outside the key. */
    public int readStatus(String itemNamespace) {
        if (!authenticated()) {
            return 401;
        }
        if (!has("viewer")) {
            return 403;
        }
        return itemNamespace.equals(namespace) ? 200 : 404;
    }
}

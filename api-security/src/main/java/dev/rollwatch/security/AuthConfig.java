package dev.rollwatch.security;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys allowed to use the Rollwatch APIs (release-service, health monitor, rollback-service). Keys
 * are never configured in clear: only their SHA-256 ({@code sha256:<64 hex digits>};
 * {@code printf %s "$KEY" | sha256sum}).
 *
 * <pre>
 * rollwatch.auth.keys.ci-github.hash=sha256:9f86d0...
 * rollwatch.auth.keys.ci-github.roles=releaser
 * rollwatch.auth.keys.ci-github.namespaces=shop,payments
 * </pre>
 */
@ConfigMapping(prefix = "rollwatch.auth")
public interface AuthConfig {

    /** API keys by name; the name is the actor recorded in every release the key requests. */
    Map<String, ApiKey> keys();

    interface ApiKey {
        /** SHA-256 of the key, as {@code sha256:<hex>}. */
        String hash();

        /** viewer (read), releaser (request releases), operator (pause/resume/promote/abort). */
        Set<String> roles();

        /**
         * Namespaces the key may see and act in; {@code *} for all. Required: a key without it, or with
         * an empty value (a templating slip), grants no namespace at all rather than every one.
         */
        Optional<Set<String>> namespaces();
    }
}

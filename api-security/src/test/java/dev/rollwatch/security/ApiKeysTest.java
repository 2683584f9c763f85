package dev.rollwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final Map<String, AuthConfig.ApiKey> configured = new LinkedHashMap<>();

    @Test
    void aPresentedKeyIsTheConfiguredKeyWithTheSameHash() {
        configure("ci-shop", "ci-key", Set.of("releaser"), Optional.of(Set.of("shop")));
        configure("dashboard", "dashboard-key", Set.of("viewer"), Optional.of(Set.of("*")));

        assertThat(keys().authenticate("ci-key")).map(ApiKey::name).hasValue("ci-shop");
        assertThat(keys().authenticate("dashboard-key")).map(ApiKey::name).hasValue("dashboard");
    }

    @Test
    void anUnknownKeyAndAKeyDifferingInItsLastCharacterAreRefused() {
        configure("ci-shop", "ci-key-1", Set.of("releaser"), Optional.of(Set.of("shop")));

        assertThat(keys().authenticate("ci-key-2")).isEmpty();
        assertThat(keys().authenticate("ci-key-")).isEmpty();
        assertThat(keys().authenticate("")).isEmpty();
    }

    @Test
    void theHashOfTheKeyIsComparedNotItsText() {
        configure("ci-shop", "ci-key", Set.of("releaser"), Optional.of(Set.of("shop")));

        // The configured hash presented as the key is no key: only someone holding the key itself gets in.
        assertThat(keys().authenticate(hashOf("ci-key"))).isEmpty();
        assertThat(keys().authenticate(hashOf("ci-key").substring("sha256:".length())))
                .isEmpty();
    }

    @Test
    void noKeysConfiguredAuthenticatesNobody() {
        assertThat(keys().authenticate("anything")).isEmpty();
    }

    @Test
    void releaserAndOperatorImplyViewer() {
        configure("ci", "ci-key", Set.of("releaser"), Optional.of(Set.of("shop")));
        configure("oncall", "oncall-key", Set.of(" Operator "), Optional.of(Set.of("shop")));
        configure("dashboard", "dashboard-key", Set.of("viewer"), Optional.of(Set.of("shop")));

        assertThat(keys().authenticate("ci-key").orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.RELEASER, Role.VIEWER);
        assertThat(keys().authenticate("oncall-key").orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);
        assertThat(keys().authenticate("dashboard-key").orElseThrow().roles()).containsExactly(Role.VIEWER);
    }

    @Test
    void namespacesAreTrimmedAndLimitTheKey() {
        configure("ci", "ci-key", Set.of("releaser"), Optional.of(Set.of(" shop", "payments ")));

        ApiKey key = keys().authenticate("ci-key").orElseThrow();
        assertThat(key.allNamespaces()).isFalse();
        assertThat(key.namespaces()).containsExactlyInAnyOrder("shop", "payments");
        assertThat(key.allowsNamespace("shop")).isTrue();
        assertThat(key.allowsNamespace("billing")).isFalse();
    }

    @Test
    void aStarCoversEveryNamespace() {
        configure("dashboard", "dashboard-key", Set.of("viewer"), Optional.of(Set.of("*")));

        ApiKey key = keys().authenticate("dashboard-key").orElseThrow();
        assertThat(key.allNamespaces()).isTrue();
        assertThat(key.allowsNamespace("anything")).isTrue();
    }

    @Test
    void aMissingOrEmptyNamespacesLineGrantsNoNamespaceRatherThanEvery() {
        configure("forgotten", "forgotten-key", Set.of("operator"), Optional.empty());
        configure("slipped", "slipped-key", Set.of("operator"), Optional.of(Set.of(" ", "")));

        for (String presented : new String[] {"forgotten-key", "slipped-key"}) {
            ApiKey key = keys().authenticate(presented).orElseThrow();
            assertThat(key.allNamespaces()).as(presented).isFalse();
            assertThat(key.namespaces()).as(presented).isEmpty();
            assertThat(key.allowsNamespace("shop")).as(presented).isFalse();
        }
    }

    @Test
    void aHashNotInTheSha256FormIsRefusedAtStartNamingTheSetting() {
        configured.put(
                "ci",
                new Key(
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        Set.of("viewer"),
                        Optional.of(Set.of("*"))));

        assertThatThrownBy(this::keys)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rollwatch.auth.keys.ci.hash must be sha256:<64 lowercase hex digits>");
    }

    @Test
    void anUnknownRoleIsRefusedAtStartNamingTheSetting() {
        configure("ci", "ci-key", Set.of("admin"), Optional.of(Set.of("*")));

        assertThatThrownBy(this::keys)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "rollwatch.auth.keys.ci.roles: unknown role 'admin' (expected viewer, releaser or operator)");
    }

    @Test
    void sha256IsTheStandardDigest() {
        // printf %s test | sha256sum
        assertThat(HexFormat.of().formatHex(ApiKeys.sha256("test")))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    private ApiKeys keys() {
        Map<String, AuthConfig.ApiKey> snapshot = Map.copyOf(configured);
        return new ApiKeys(() -> snapshot);
    }

    private void configure(String name, String key, Set<String> roles, Optional<Set<String>> namespaces) {
        configured.put(name, new Key(hashOf(key), roles, namespaces));
    }

    private static String hashOf(String key) {
        return "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256(key));
    }

    private record Key(String hash, Set<String> roles, Optional<Set<String>> namespaces) implements AuthConfig.ApiKey {}
}

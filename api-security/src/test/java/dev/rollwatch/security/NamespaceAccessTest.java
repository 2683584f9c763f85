package dev.rollwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceAccessTest {

    private final NamespaceAccess access = new NamespaceAccess();

    @Test
    void aKeyForSomeNamespacesSeesExactlyThose() {
        SecurityIdentity shop = identity(false, Set.of("shop"));

        assertThat(access.visible(shop)).containsExactly("shop");
        assertThat(access.allows(shop, "shop")).isTrue();
        assertThat(access.allows(shop, "payments")).isFalse();
    }

    @Test
    void aKeyForEveryNamespaceHasNoFilter() {
        SecurityIdentity all = identity(true, Set.of());

        assertThat(access.visible(all)).isNull();
        assertThat(access.allows(all, "payments")).isTrue();
    }

    @Test
    void aRowOfNoKnownNamespaceIsSeenOnlyByAKeyForEveryNamespace() {
        assertThat(access.allows(identity(false, Set.of("shop")), null)).isFalse();
        assertThat(access.allows(identity(true, Set.of()), null)).isTrue();
    }

    @Test
    void anIdentityWithoutNamespacesSeesNothing() {
        SecurityIdentity stranger = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("not-one-of-our-keys"))
                .addRole("viewer")
                .build();

        assertThat(access.visible(stranger)).isEmpty();
        assertThat(access.allows(stranger, "shop")).isFalse();
    }

    @Test
    void aNamespaceTheKeyDoesNotCoverIsForbiddenNamingKeyAndNamespace() {
        SecurityIdentity shop = identity(false, Set.of("shop"));

        access.require(shop, "shop");
        assertThatThrownBy(() -> access.require(shop, "payments"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("API key 'ci-shop' may not act in namespace 'payments'");
    }

    private static SecurityIdentity identity(boolean all, Set<String> namespaces) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("ci-shop"))
                .addRole("releaser")
                .addAttribute(ApiKeyIdentityProvider.NAMESPACES, namespaces)
                .addAttribute(ApiKeyIdentityProvider.ALL_NAMESPACES, all)
                .build();
    }
}

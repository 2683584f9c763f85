package dev.rollwatch.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Which namespaces the caller's API key covers. */
@ApplicationScoped
public class NamespaceAccess {

    /**
     * The namespaces the caller may see, or null when it may see all. Empty when it may see none: an
     * identity without the attributes (never one of our keys) is treated so too, failing closed.
     */
    public Set<String> visible(SecurityIdentity identity) {
        if (Boolean.TRUE.equals(identity.getAttribute(ApiKeyIdentityProvider.ALL_NAMESPACES))) {
            return null;
        }
        Set<String> namespaces = identity.getAttribute(ApiKeyIdentityProvider.NAMESPACES);
        return namespaces == null ? Set.of() : namespaces;
    }

    /**
     * Whether the caller may see {@code namespace}. A row whose namespace is not known (null: a release
     * whose request has not arrived) is allowed only to a key for every namespace: nothing shows that a
     * namespaced key covers it, so it fails closed.
     */
    public boolean allows(SecurityIdentity identity, String namespace) {
        Set<String> visible = visible(identity);
        return visible == null || (namespace != null && visible.contains(namespace));
    }

    /** Fails with 403 when the caller's key does not cover the namespace it named itself. */
    public void require(SecurityIdentity identity, String namespace) {
        if (!allows(identity, namespace)) {
            throw new ForbiddenException(
                    "API key '" + identity.getPrincipal().getName() + "' may not act in namespace '" + namespace + "'");
        }
    }
}

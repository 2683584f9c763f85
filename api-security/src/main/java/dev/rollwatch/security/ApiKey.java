package dev.rollwatch.security;

import java.util.Set;

/**
 * A configured API key (its hash, never the key).
 *
 * @param name          the key's name: the actor recorded for what it does
 * @param sha256        SHA-256 of the key
 * @param roles         granted roles, implied ones included
 * @param allNamespaces whether it may see and act in every namespace ({@code namespaces=*})
 * @param namespaces    the namespaces it may see and act in otherwise; empty grants none
 */
public record ApiKey(String name, byte[] sha256, Set<Role> roles, boolean allNamespaces, Set<String> namespaces) {

    public boolean allowsNamespace(String namespace) {
        return allNamespaces || namespaces.contains(namespace);
    }
}

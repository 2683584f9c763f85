package dev.rollwatch.kubernetes.strict;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.Value;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored objects of fabric8's CRUD server by resource, namespace and name, beside its own store. fabric8
 * finds an object (for a read by name, and before every create, replace and patch) by matching the request
 * against every stored object: with 1,000 applications of ten pods, about 13,000 objects, those scans took
 * most of a core and the benchmark measured the simulator. This index finds the candidates at once; they are
 * still matched with fabric8's own rule, so it answers exactly what the scan would.
 *
 * <p>Written under fabric8's write lock (every write goes through {@code processEvent}); read without it: a
 * key's entries are replaced whole, so a reader sees an object before a write or after it, never half.
 */
final class NamedObjects {

    private static final String PLURAL = "plural";
    private static final String NAMESPACE = "namespace";
    private static final String NAME = "name";

    private final Map<String, List<Map.Entry<AttributeSet, String>>> byIdentity = new ConcurrentHashMap<>();

    /**
     * The identity a query narrows to: resource, namespace and name, each given once and without a
     * wildcard; null when it does not name all three (a list, a cluster-scoped object): those go to the scan.
     */
    static String identityOfQuery(AttributeSet query) {
        String namespace = single(query, NAMESPACE);
        return namespace == null ? null : identity(query, namespace);
    }

    /** A stored object's identity; a cluster-scoped object has no namespace. */
    static String identityOfStored(AttributeSet key) {
        String namespace = single(key, NAMESPACE);
        return identity(key, namespace == null ? "" : namespace);
    }

    private static String identity(AttributeSet attributes, String namespace) {
        String plural = single(attributes, PLURAL);
        String name = single(attributes, NAME);
        return plural == null || name == null ? null : plural + "/" + namespace + "/" + name;
    }

    private static String single(AttributeSet attributes, String key) {
        Attribute attribute = attributes.getAttribute(key);
        if (attribute == null || attribute.getValues().size() != 1) {
            return null;
        }
        Value value = attribute.getValues().get(0);
        String text = value.toString();
        // "*" matches anything in fabric8's Value: such a query cannot be narrowed.
        return text == null || text.equals("*") ? null : text;
    }

    /** The first stored object the query matches, as fabric8's scan would find it; null when none does. */
    Map.Entry<AttributeSet, String> find(String identity, AttributeSet query) {
        for (Map.Entry<AttributeSet, String> entry : byIdentity.getOrDefault(identity, List.of())) {
            if (entry.getKey().matches(query)) {
                return entry;
            }
        }
        return null;
    }

    /** After fabric8 replaced {@code oldKey} (null for a create) by {@code newKey} (null for a delete). */
    void replace(AttributeSet oldKey, AttributeSet newKey, String newState) {
        if (oldKey != null) {
            String identity = identityOfStored(oldKey);
            if (identity != null) {
                byIdentity.computeIfPresent(identity, (id, entries) -> {
                    List<Map.Entry<AttributeSet, String>> left = new ArrayList<>(entries);
                    left.removeIf(entry -> entry.getKey().equals(oldKey));
                    return left.isEmpty() ? null : List.copyOf(left);
                });
            }
        }
        if (newKey != null) {
            String identity = identityOfStored(newKey);
            if (identity != null) {
                byIdentity.compute(identity, (id, entries) -> {
                    List<Map.Entry<AttributeSet, String>> more =
                            entries == null ? new ArrayList<>() : new ArrayList<>(entries);
                    // A replaced object goes to the end, as it does in fabric8's insertion-ordered store.
                    more.removeIf(entry -> entry.getKey().equals(newKey));
                    more.add(new SimpleImmutableEntry<>(newKey, newState));
                    return List.copyOf(more);
                });
            }
        }
    }

    /** Everything again from fabric8's store: after a write that failed half way, or a reset. */
    void rebuild(Map<AttributeSet, String> store) {
        byIdentity.clear();
        List<Map.Entry<AttributeSet, String>> entries;
        synchronized (store) {
            entries = new ArrayList<>(store.entrySet());
        }
        for (Map.Entry<AttributeSet, String> entry : entries) {
            replace(null, entry.getKey(), entry.getValue());
        }
    }
}

package dev.rollwatch.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies that keep null elements. A record built from a request must not crash on a
 * {@code null} inside a list or map ({@link List#copyOf} does): the release rules then name the
 * element ({@code notifications[0]}), where a crash would only be a 500.
 */
final class Copies {

    private Copies() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}

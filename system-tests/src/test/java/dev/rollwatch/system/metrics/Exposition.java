package dev.rollwatch.system.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scrape of {@code /q/metrics} offers, read from the Prometheus text format: each series name
 * with the family it belongs to (its {@code # TYPE} line) and the labels of its samples. Several
 * scrapes (one per service) merge into one, as Prometheus sees them all.
 */
final class Exposition {

    /** A metric family: its name in the {@code # TYPE} line and its type (counter, gauge, histogram, summary, untyped). */
    record Family(String name, String type) {}

    private final Map<String, Family> familyOfSeries = new HashMap<>();
    private final Map<String, Family> families = new HashMap<>();
    private final Map<String, List<Map<String, String>>> labelsOfSeries = new HashMap<>();

    private Exposition() {}

    static Exposition parse(String... texts) {
        Exposition exposition = new Exposition();
        for (String text : texts) {
            exposition.read(text);
        }
        return exposition;
    }

    private void read(String text) {
        Family current = null;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("# TYPE ")) {
                String[] parts = trimmed.split("\\s+");
                if (parts.length >= 4) {
                    current = new Family(parts[2], parts[3]);
                    families.put(current.name(), current);
                }
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                current = sample(trimmed, current);
            }
        }
    }

    /**
     * Records one sample line under the family announced last, if its name belongs to it (the family's
     * name, or it with a suffix: {@code _total}, {@code _bucket}, {@code _count}...); otherwise untyped.
     */
    private Family sample(String line, Family current) {
        int nameEnd = 0;
        while (nameEnd < line.length()
                && line.charAt(nameEnd) != '{'
                && !Character.isWhitespace(line.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = line.substring(0, nameEnd);
        Map<String, String> labels =
                nameEnd < line.length() && line.charAt(nameEnd) == '{' ? labels(line, nameEnd + 1) : Map.of();
        Family family = current != null && name.startsWith(current.name()) ? current : new Family(name, "untyped");
        familyOfSeries.putIfAbsent(name, family);
        labelsOfSeries.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
        return current;
    }

    private static Map<String, String> labels(String line, int from) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String label = line.substring(i, equals).strip();
            StringBuilder value = new StringBuilder();
            i = equals + 2; // past ="
            while (line.charAt(i) != '"') {
                char c = line.charAt(i++);
                if (c == '\\') {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            i++; // past the closing quote
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }

    /** The family whose samples carry this series name, if any sample does. */
    Optional<Family> familyOf(String series) {
        return Optional.ofNullable(familyOfSeries.get(series));
    }

    /** A family announced under this exact name, whether or not any series has the name queried. */
    Optional<Family> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** The label sets of every sample of this series name. */
    List<Map<String, String>> samples(String series) {
        return labelsOfSeries.getOrDefault(series, List.of());
    }
}

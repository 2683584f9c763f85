package dev.rollwatch.events.validation;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Kubernetes users write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    /**
     * The longest duration text read: {@code 23h59m59s999ms} is 14 characters. Longer text (a thousand
     * leading zeros) is no duration a person writes, and is refused before any pattern runs over it.
     */
    public static final int MAX_LENGTH = 32;

    private Durations() {}

    /** The duration, or empty when {@code text} is not a valid duration. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        double millis = 0;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> value;
                case "s" -> value * 1_000;
                case "m" -> value * 60_000;
                default -> value * 3_600_000;
            };
        }
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    /** Parses a duration known to be valid (already validated), or fails loudly. */
    public static Duration require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("Not a duration: '" + text + "'"));
    }

    /** Formats as the shortest Go-style string, e.g. {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = millis / 3_600_000;
        long minutes = (millis % 3_600_000) / 60_000;
        long seconds = (millis % 60_000) / 1_000;
        long rest = millis % 1_000;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (rest > 0) {
            out.append(rest).append("ms");
        }
        return out.toString();
    }
}

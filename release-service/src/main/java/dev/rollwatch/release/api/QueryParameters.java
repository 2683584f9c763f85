package dev.rollwatch.release.api;

import dev.rollwatch.events.validation.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Query parameters read as text and checked here: JAX-RS answers a parameter it cannot convert to an
 * {@code int} with an empty 404, which names nothing. Each bad one becomes a {@link FieldError} naming it.
 */
final class QueryParameters {

    /** Applications and namespaces are Kubernetes names (DNS-1123 labels), so a filter is one too. */
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    private QueryParameters() {}

    /** The whole number in {@code value} within [min, max], {@code fallback} when absent or refused. */
    static int wholeNumber(List<FieldError> errors, String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        errors.add(new FieldError(name, "must be a whole number between " + min + " and " + max));
        return fallback;
    }

    /** An application or namespace filter; null when absent. */
    static String name(List<FieldError> errors, String name, String value) {
        if (value != null && !DNS_LABEL.matcher(value).matches()) {
            errors.add(new FieldError(name, "must be a Kubernetes name: at most 63 lowercase letters, digits or '-'"));
        }
        return value;
    }
}

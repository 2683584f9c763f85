package dev.rollwatch.events.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Shapes of single values that many rules share (Kubernetes names, durations, URLs), so one kind of
 * value gets one message wherever in the request it appears.
 */
final class FieldFormats {

    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /**
     * The longest URL any field takes. Browsers and proxies commonly stop near 2,000 characters, and
     * every URL travels in {@code release.requested}, so it is bounded like every other field: together
     * the caps keep an accepted request far below what Kafka takes in one record (1 MiB).
     */
    static final int MAX_URL_LENGTH = 2048;

    private FieldFormats() {}

    /** Refuses a value longer than {@code max} characters; true when it fits (or is absent). */
    static boolean maxLength(Errors errors, String path, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(path, "must be at most " + max + " characters");
            return false;
        }
        return true;
    }

    static void dnsLabel(Errors errors, String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return;
        }
        if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            errors.add(
                    path,
                    "must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', "
                            + "starting and ending with a letter or digit");
        }
    }

    static void dnsSubdomain(Errors errors, String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return;
        }
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            errors.add(
                    path,
                    "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
        }
    }

    /**
     * Validates an optional duration within bounds; returns it when valid, so a rule relating two
     * durations (window against interval) only compares values that are themselves acceptable.
     */
    static Duration duration(Errors errors, String path, String value, Duration min, Duration max) {
        if (value == null) {
            return null;
        }
        Duration parsed = Durations.parse(value).orElse(null);
        if (parsed == null) {
            errors.add(path, "must be a duration like 30s, 5m or 1h30m");
            return null;
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            errors.add(path, "must be between " + Durations.format(min) + " and " + Durations.format(max));
            return null;
        }
        return parsed;
    }

    static void httpUrl(Errors errors, String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return;
        }
        if (!maxLength(errors, path, value, MAX_URL_LENGTH)) {
            return;
        }
        // RFC 3986 URLs are ASCII; an internationalised one is sent percent-encoded. Refusing the rest
        // also keeps look-alike characters out of addresses people read in the history.
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            errors.add(path, "must be an absolute http(s) URL in ASCII, without spaces (percent-encode the rest)");
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(path, "must be an absolute http(s) URL");
            } else if (uri.getUserInfo() != null) {
                errors.add(path, "must not embed credentials; configure them in the service instead");
            }
        } catch (URISyntaxException e) {
            errors.add(path, "must be an absolute http(s) URL");
        }
    }
}

package dev.rollwatch.notifier.domain;

import dev.rollwatch.events.NotificationTarget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One place people hear about a release: a Slack channel, a Statuspage component or a webhook URL.
 * The type is kept as its name so that a target from configuration with an unknown type reaches the
 * channel factory, which refuses it by name.
 *
 * @param type      slack, statuspage or webhook
 * @param channel   Slack channel name or id
 * @param page      Statuspage page id
 * @param component Statuspage component id
 * @param url       webhook URL
 */
public record Target(String type, String channel, String page, String component, String url) {

    public static final String SLACK = "slack";
    public static final String STATUSPAGE = "statuspage";
    public static final String WEBHOOK = "webhook";

    public Target {
        Objects.requireNonNull(type, "type");
        type = type.trim().toLowerCase(Locale.ROOT);
    }

    public static Target slack(String channel) {
        return new Target(SLACK, channel, null, null, null);
    }

    public static Target statuspage(String page, String component) {
        return new Target(STATUSPAGE, null, page, component, null);
    }

    public static Target webhook(String url) {
        return new Target(WEBHOOK, null, null, null, url);
    }

    public static Target of(NotificationTarget target) {
        return switch (target.type()) {
            case SLACK -> slack(target.channel());
            case STATUSPAGE -> statuspage(target.page(), target.component());
            case WEBHOOK -> webhook(target.url());
        };
    }

    /**
     * Parses a target from configuration: {@code slack:#releases}, {@code statuspage:<page>/<component>}
     * or {@code webhook:https://...}. The type is not checked here: the channel factory does that.
     */
    public static Target parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("Notification target '" + redactSpec(text)
                    + "' must look like slack:#channel, statuspage:<page>/<component> or webhook:https://...");
        }
        String type = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        return switch (type) {
            case SLACK -> slack(value);
            case STATUSPAGE -> {
                int slash = value.indexOf('/');
                if (slash <= 0 || slash == value.length() - 1) {
                    throw new IllegalArgumentException(
                            "Statuspage target '" + text + "' must be statuspage:<page>/<component>");
                }
                yield statuspage(value.substring(0, slash), value.substring(slash + 1));
            }
            case WEBHOOK -> webhook(value);
            default -> new Target(type, value, null, null, null);
        };
    }

    /**
     * Identifies the target within a release: one thread, one incident or one endpoint per key. Never
     * contains a webhook URL's path or query, which often carry a secret.
     */
    public String key() {
        return switch (type) {
            case SLACK -> SLACK + ":" + slackChannelName();
            case STATUSPAGE -> STATUSPAGE + ":" + page + "/" + component;
            case WEBHOOK -> WEBHOOK + ":" + host(url) + ":" + digest(url);
            default -> type + ":" + channel;
        };
    }

    /** The Slack channel without a leading {@code #}: {@code #releases} and {@code releases} are one channel. */
    public String slackChannelName() {
        return channel == null ? null : channel.startsWith("#") ? channel.substring(1) : channel;
    }

    /** Safe for logs and dead-letter headers: a webhook shows only its scheme and host. */
    public String describe() {
        return type.equals(WEBHOOK) ? WEBHOOK + ":" + redactUrl(url) : key();
    }

    @Override
    public String toString() {
        // Records print every component; a webhook URL is a secret.
        return describe();
    }

    /** {@code https://hooks.example.com/…}: the path and query of a URL may hold a secret. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(invalid URL)";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return uri.getScheme() + "://" + uri.getHost() + port + "/…";
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    private static String redactSpec(String spec) {
        return spec.contains("://") ? redactUrl(spec.substring(spec.indexOf(':') + 1)) : spec;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "invalid" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

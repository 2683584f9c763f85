package dev.rollwatch.notifier.channel.webhook;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which secret signs a webhook: the one of the most specific configured receiver whose URL prefix the
 * target starts with, else the installation's. With a secret per receiver, no receiver holds the key
 * that authenticates another's messages. A prefix matches on the parsed URL (scheme, host, port, then
 * whole path segments), so {@code https://hooks.example.com/a} never matches
 * {@code https://hooks.example.com.evil.test/a} or {@code https://hooks.example.com/ab}.
 */
final class WebhookSecrets {

    private record Receiver(String scheme, String host, int port, String path, WebhookSignature signature) {

        boolean covers(URI target) {
            return scheme.equalsIgnoreCase(target.getScheme())
                    && target.getHost() != null
                    && host.equals(target.getHost().toLowerCase(Locale.ROOT))
                    && port == WebhookSecrets.port(target)
                    && withinPath(target.getRawPath() == null ? "" : target.getRawPath());
        }

        private boolean withinPath(String targetPath) {
            String prefix = path.endsWith("/") ? path : path + "/";
            return path.isEmpty() || path.equals("/") || targetPath.equals(path) || targetPath.startsWith(prefix);
        }
    }

    /** A receiver as configured: the URL prefix its targets start with, and its secret. */
    record Configured(String urlPrefix, String secret) {
        @Override
        public String toString() {
            return urlPrefix + " (secret redacted)";
        }
    }

    private final List<Receiver> receivers;
    private final Optional<WebhookSignature> installation;

    /**
     * @param configured   per receiver name, its URL prefix and secret
     * @param installation the secret of every other target, if any
     * @throws IllegalArgumentException naming the receiver (never its secret) when a prefix is no URL
     */
    WebhookSecrets(Map<String, Configured> configured, Optional<String> installation) {
        this.receivers = configured.entrySet().stream()
                .map(entry -> receiver(
                        entry.getKey(),
                        entry.getValue().urlPrefix(),
                        entry.getValue().secret()))
                // The longest path first: the most specific receiver wins.
                .sorted(Comparator.comparingInt((Receiver r) -> r.path().length())
                        .reversed())
                .toList();
        this.installation = installation.filter(s -> !s.isBlank()).map(WebhookSignature::withSecret);
    }

    Optional<WebhookSignature> forTarget(String url) {
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            return installation;
        }
        return receivers.stream()
                .filter(receiver -> receiver.covers(target))
                .findFirst()
                .map(Receiver::signature)
                .or(() -> installation);
    }

    private static Receiver receiver(String name, String prefix, String secret) {
        URI uri;
        try {
            uri = URI.create(prefix);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("rollwatch.notifier.webhook.receivers." + name
                    + ".url-prefix must be an absolute http(s) URL without a query");
        }
        return new Receiver(
                uri.getScheme().toLowerCase(Locale.ROOT),
                uri.getHost().toLowerCase(Locale.ROOT),
                port(uri),
                uri.getRawPath() == null ? "" : uri.getRawPath(),
                WebhookSignature.withSecret(secret));
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}

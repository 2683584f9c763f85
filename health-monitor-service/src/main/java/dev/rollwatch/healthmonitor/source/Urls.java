package dev.rollwatch.healthmonitor.source;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as they may appear in evidence, warnings and logs: never with the credentials some carry. */
public final class Urls {

    private Urls() {}

    /** The URL without its user-info ({@code http://user:secret@host} becomes {@code http://***@host}). */
    public static String redacted(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(
                            uri.getScheme(),
                            "***",
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            return "<unparseable URL>";
        }
    }

    /** Without a trailing slash, so API paths can be appended. */
    public static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

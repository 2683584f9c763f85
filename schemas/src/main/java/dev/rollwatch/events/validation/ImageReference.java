package dev.rollwatch.events.validation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI image reference, parsed with the grammar of the distribution project
 * ({@code github.com/distribution/reference}): {@code [domain[:port]/]path[:tag][@digest]}.
 *
 * @param name   repository name including the registry, if any
 * @param tag    the tag, if any
 * @param digest the digest ({@code algorithm:hex}), if any
 */
public record ImageReference(String name, String tag, String digest) {

    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE =
            Pattern.compile("^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final int MAX_NAME_LENGTH = 255;

    public static Optional<ImageReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches() || m.group(1).length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new ImageReference(m.group(1), m.group(2), m.group(3)));
    }

    /** Pinned to a tag or digest: a release of an implicit {@code latest} could never be restored exactly. */
    public boolean isPinned() {
        return tag != null || digest != null;
    }

    /**
     * What identifies the artifact, for quarantine: the digest when the reference pins one (the same
     * bits under any tag), otherwise the repository and tag. Every service that keeps quarantined
     * artifacts looks them up by this.
     */
    public String artifactIdentity() {
        return digest != null ? digest.toLowerCase(java.util.Locale.ROOT) : name + ":" + (tag != null ? tag : "latest");
    }

    /** {@link #artifactIdentity()} of {@code image}; an unparsable reference is its own identity. */
    public static String artifactIdentity(String image) {
        return parse(image).map(ImageReference::artifactIdentity).orElse(image);
    }

    /** The version label a release gets when none is given: the tag, else the short digest. */
    public String defaultVersion() {
        if (tag != null) {
            return tag;
        }
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }
}

package dev.rollwatch.address;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The rule for a URL that must reach a public receiver, as far as it can be judged without DNS: a host
 * written as an address must be a public one in the plain spelling. A name passes here; whoever calls
 * the URL resolves it and classifies every address with {@link Addresses} again.
 */
public final class PublicHost {

    private PublicHost() {}

    /** Why the URL's host is refused ("must name a public host: ..."), or empty when it may be a name or public. */
    public static Optional<String> refusal(String url) {
        Host host;
        try {
            host = url == null ? null : Host.of(new URI(url)).orElse(null);
        } catch (URISyntaxException e) {
            // Not a URL at all: the URL rule says so.
            return Optional.empty();
        }
        if (host instanceof Host.Ambiguous ambiguous) {
            return Optional.of("must name a public host: " + ambiguous.reason());
        }
        if (host instanceof Host.Literal literal && literal.kind().reach() != AddressKind.Reach.PUBLIC) {
            return Optional.of("must name a public host: " + literal.describe());
        }
        return Optional.empty();
    }
}

package dev.rollwatch.notifier.outbound;

import dev.rollwatch.address.AddressKind;
import dev.rollwatch.address.Addresses;
import dev.rollwatch.address.Host;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Decides whether the notifier may call a URL. A webhook URL comes from whoever can publish a release,
 * so without this a release could make the notifier probe the cluster's insides (the cloud metadata
 * endpoint, the Kubernetes API, databases): server-side request forgery.
 * <ul>
 * <li>HTTPS only, unless plain http is allowed for local use;</li>
 * <li>no credentials in the URL;</li>
 * <li>an address written in the URL is read as curl and the C library read it, and any spelling but
 * four decimal numbers is refused, since clients disagree on it ({@code 012.0.0.1} is 10.0.0.1 to
 * curl and 12.0.0.1 to Java);</li>
 * <li>a name is resolved and <em>every</em> address must be public; both are classified by
 * {@link Addresses}, the rule the release API applies to literal webhook addresses too: loopback,
 * private, link-local, carrier-grade NAT, unique-local, reserved ranges and IPv6 addresses embedding
 * such an IPv4 address are refused unless allowed, multicast, broadcast and the unspecified address
 * always are;</li>
 * <li>the caller checks each redirect target again (redirects are never followed blindly).</li>
 * </ul>
 * The HTTP client resolves the host again when it connects, so a DNS answer that changes in between
 * (rebinding) is not covered; the network policy of the deployment is the second line against that.
 */
public final class UrlPolicy {

    /** Resolves a host name; replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowHttp;
    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlPolicy(boolean allowHttp, boolean allowLoopback, boolean allowPrivate, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public UrlPolicy(boolean allowHttp, boolean allowLoopback, boolean allowPrivate) {
        this(allowHttp, allowLoopback, allowPrivate, InetAddress::getAllByName);
    }

    /**
     * Checks the URL's form without resolving it (for configuration at start).
     *
     * @throws UrlRefusedException when the URL is malformed, not HTTPS (unless allowed) or carries credentials
     */
    public URI checkForm(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new UrlRefusedException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowHttp)) {
            throw new UrlRefusedException(
                    scheme.equals("http")
                            ? "plain http is not allowed (HTTPS only; rollwatch.notifier.outbound.allow-http is for local use)"
                            : "scheme '" + scheme + "' is not allowed: HTTPS only");
        }
        Host host = Host.of(uri).orElseThrow(() -> new UrlRefusedException("URL has no host"));
        if (uri.getRawUserInfo() != null) {
            throw new UrlRefusedException("URLs with credentials are not allowed (host " + host.text() + ")");
        }
        return uri;
    }

    /**
     * Checks the URL and the addresses its host resolves to. Blocking (DNS): call it off the event loop.
     *
     * @throws UrlRefusedException when the notifier must not call it
     */
    public URI check(String url) {
        URI uri = checkForm(url);
        Host host = Host.of(uri).orElseThrow(() -> new UrlRefusedException("URL has no host"));
        if (host instanceof Host.Ambiguous ambiguous) {
            throw new UrlRefusedException(ambiguous.reason());
        }
        if (host instanceof Host.Literal literal) {
            if (!allowed(literal.kind())) {
                throw new UrlRefusedException("host " + literal.describe() + ", which is not allowed");
            }
            return uri;
        }
        for (InetAddress address : resolve(host.text())) {
            AddressKind kind = Addresses.classify(address);
            if (!allowed(kind)) {
                throw new UrlRefusedException("host " + host.text() + " resolves to " + kind.label() + " address "
                        + address.getHostAddress() + ", which is not allowed");
            }
        }
        return uri;
    }

    private InetAddress[] resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UrlRefusedException("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new UrlRefusedException("host " + host + " does not resolve");
        }
        return addresses;
    }

    private boolean allowed(AddressKind kind) {
        return switch (kind.reach()) {
            case PUBLIC -> true;
            case LOOPBACK -> allowLoopback;
            case INTERNAL -> allowPrivate;
            case NEVER -> false;
        };
    }
}

package dev.rollwatch.notifier.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
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
 * <li>the host is resolved and <em>every</em> address must be public: loopback, private, link-local,
 * carrier-grade NAT, unique-local IPv6 and reserved ranges are refused unless allowed, multicast and
 * the unspecified address always are;</li>
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
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UrlRefusedException("URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlRefusedException("URLs with credentials are not allowed (host " + uri.getHost() + ")");
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
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new UrlRefusedException("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new UrlRefusedException("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw new UrlRefusedException("host " + host + " resolves to " + refusal + " address "
                        + address.getHostAddress() + ", which is not allowed");
            }
        }
        return uri;
    }

    /** Why the address is refused ("loopback", "private", ...), or null when it may be called. */
    String refusal(InetAddress address) {
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback";
        }
        String internal = internalKind(address);
        if (internal != null) {
            return allowPrivate ? null : internal;
        }
        return null;
    }

    private static String internalKind(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "reserved";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "reserved";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "reserved";
            }
            if (first >= 240) {
                return "reserved";
            }
            return null;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
            // IPv4 embedded in NAT64 (64:ff9b::/96) or 6to4 (2002::/16) addresses reaches the IPv4 host.
            InetAddress embedded = null;
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                embedded = v4(b[12], b[13], b[14], b[15]);
            } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                embedded = v4(b[2], b[3], b[4], b[5]);
            }
            if (embedded != null) {
                if (embedded.isLoopbackAddress() || embedded.isAnyLocalAddress()) {
                    return "loopback";
                }
                return internalKind(embedded);
            }
        }
        return null;
    }

    private static InetAddress v4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}

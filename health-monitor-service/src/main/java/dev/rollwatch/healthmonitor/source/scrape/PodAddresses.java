package dev.rollwatch.healthmonitor.source.scrape;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The IPs of the pods of one namespace, as the Kubernetes API reports them: the only hosts a release
 * may list as scrape endpoints. A host must be written as such an IP (a name could resolve anywhere,
 * and odd literal forms such as {@code 012.0.0.1} or {@code 0xa00001} are read differently by
 * different parsers), so an IPv4 host must equal the pod's IP exactly; an IPv6 one is compared as an
 * address.
 */
public final class PodAddresses {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

    private final Set<String> ips;
    private final String unchecked;

    public PodAddresses(Collection<String> podIps) {
        this.unchecked = null;
        this.ips = podIps.stream()
                .map(PodAddresses::normal)
                .filter(ip -> ip != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    private PodAddresses(String unchecked) {
        this.ips = Set.of();
        this.unchecked = unchecked;
    }

    /** The pods could not be listed: no endpoint can be checked, so none is scraped. */
    public static PodAddresses unchecked(String why) {
        return new PodAddresses(why);
    }

    /** Why the URL may not be scraped, or null when its host is a pod's IP. */
    public String refusal(String url, String namespace) {
        if (unchecked != null) {
            return "not scraped: it could not be checked against the pods of namespace " + namespace + " (" + unchecked
                    + ")";
        }
        return hosts(url) ? null : "not the address of a pod in namespace " + namespace + ", so not scraped";
    }

    /** The URL's host as written (brackets and all for IPv6), lower case, or null. */
    static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Whether the URL's host is one of the pods' IPs. */
    public boolean hosts(String url) {
        String host = hostOf(url);
        if (host == null) {
            return false;
        }
        String ip = host.startsWith("[") && host.endsWith("]") ? normal(host.substring(1, host.length() - 1)) : host;
        return ip != null && ips.contains(ip);
    }

    /** An IPv4 address as written (if it is a plain dotted quad), an IPv6 one in Java's one spelling. */
    private static String normal(String ip) {
        if (ip == null) {
            return null;
        }
        if (DOTTED_QUAD.matcher(ip).matches()) {
            return ip;
        }
        if (!ip.contains(":") || !ip.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            // A literal with colons is parsed, never looked up in DNS.
            return InetAddress.getByName(ip).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

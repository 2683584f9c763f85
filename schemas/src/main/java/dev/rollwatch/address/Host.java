package dev.rollwatch.address;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host of a URL as the clients that will call it read it: a name (to resolve), an address written
 * literally, or text no client agrees on, which is refused. Read from the URL's authority, since
 * {@link URI#getHost()} gives up on forms like {@code 10.1} that curl and inet_aton read as 10.0.0.1.
 */
public sealed interface Host {

    /** How the host is written in the URL, brackets included. */
    String text();

    /** A name: what it reaches is known only once it is resolved. */
    record Name(String text) implements Host {}

    /** An address written literally, in the one spelling every client reads alike. */
    record Literal(String text, InetAddress address) implements Host {
        public AddressKind kind() {
            return Addresses.classify(address);
        }

        /** What it is, in words: "10.0.0.1 is a private address", "[::a00:1] reaches the private address 10.0.0.1". */
        public String describe() {
            return Addresses.reachedIpv4(address)
                    .map(v4 -> text + " reaches the " + kind().label() + " address " + v4.getHostAddress())
                    .orElse(text + " is " + kind().withArticle() + " address");
        }
    }

    /**
     * Numeric-looking text that is no address in canonical form: either no client reads it as an address
     * ({@code 1.2.3.4.5}, {@code 0251.0376.0251.0376}) or clients read it differently ({@code 012.0.0.1},
     * {@code 0xa9fea9fe}); {@code reading} is what inet_aton makes of it, when anything.
     */
    record Ambiguous(String text, Optional<InetAddress> reading) implements Host {
        /** Why it is refused, naming what inet_aton reads, so the author sees what was at stake. */
        public String reason() {
            if (reading.isEmpty()) {
                return "host " + text + " looks like an IP address but is none";
            }
            InetAddress address = reading.get();
            AddressKind kind = Addresses.classify(address);
            return kind == AddressKind.PUBLIC
                    ? "host " + text + " is a non-standard spelling of " + address.getHostAddress()
                            + ", which HTTP clients read differently: write it as " + address.getHostAddress()
                    : "host " + text + " is the " + kind.label() + " address " + address.getHostAddress()
                            + " as curl and the C library read it";
        }
    }

    /** Characters an IPv6 literal may hold; zone ids ({@code %eth0}) name this machine's interfaces and are refused. */
    Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");
    /** WHATWG's rule: a host whose last label is a number is an IPv4 address or nothing. */
    Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?:.*\\.)?(?:[0-9]+|0[xX][0-9a-fA-F]*)");

    /** The host of an absolute URL, or empty when it has none. */
    static Optional<Host> of(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.empty();
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            host = close < 0 ? hostPort : hostPort.substring(0, close + 1);
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        }
        return host.isEmpty() ? Optional.empty() : Optional.of(read(host));
    }

    /** Reads a host as written in a URL ({@code [::1]}, {@code 10.1}, {@code hooks.example.com}). */
    static Host read(String text) {
        if (text.startsWith("[") || text.contains(":")) {
            String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (!bare.contains(":") || !IPV6.matcher(bare).matches()) {
                return new Ambiguous(text, Optional.empty());
            }
            try {
                // Only hex digits, colons and dots: the JDK parses it as a literal and never asks DNS.
                return new Literal(text, InetAddress.getByName(bare));
            } catch (UnknownHostException e) {
                return new Ambiguous(text, Optional.empty());
            }
        }
        // A trailing dot is the fully qualified spelling of the same host ("10.0.0.1." is 10.0.0.1).
        String bare = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (!NUMERIC_LAST_LABEL.matcher(bare).matches()) {
            return new Name(text);
        }
        Optional<InetAddress> reading = Ipv4Literal.read(bare).map(Addresses::ofBytes);
        return Ipv4Literal.isCanonical(bare) && reading.isPresent()
                ? new Literal(text, reading.get())
                : new Ambiguous(text, reading);
    }
}

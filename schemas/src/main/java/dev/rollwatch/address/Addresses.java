package dev.rollwatch.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Classifies an address by how far a request to it reaches. IPv6 addresses that carry an IPv4 address
 * (IPv4-mapped and -compatible, NAT64, 6to4) reach that IPv4 host, so they are classified by it: a
 * check that looked only at the IPv6 prefix would let {@code [::a00:1]} through to 10.0.0.1.
 */
public final class Addresses {

    private Addresses() {}

    public static AddressKind classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return v4(b);
        }
        if (address instanceof Inet6Address) {
            return v6(b);
        }
        throw new IllegalArgumentException("neither IPv4 nor IPv6: " + address);
    }

    /** The IPv4 ranges of RFC 6890 that are not the public internet. */
    static AddressKind v4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return a1 == 0 && a2 == 0 && b[3] == 0 ? AddressKind.UNSPECIFIED : AddressKind.RESERVED;
        }
        if (a0 == 127) {
            return AddressKind.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return AddressKind.PRIVATE;
        }
        if (a0 == 169 && a1 == 254) {
            return AddressKind.LINK_LOCAL;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return AddressKind.CARRIER_GRADE_NAT;
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            // IETF protocol assignments, benchmarking and the documentation networks.
            return AddressKind.RESERVED;
        }
        if ((a0 & 0xf0) == 224) {
            return AddressKind.MULTICAST;
        }
        if (a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255) {
            return AddressKind.BROADCAST;
        }
        if ((a0 & 0xf0) == 240) {
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }

    static AddressKind v6(byte[] b) {
        Optional<byte[]> embedded = embedded(b);
        if (embedded.isPresent()) {
            AddressKind kind = v4(embedded.get());
            // An IPv4-compatible address (::a.b.c.d) is deprecated: no public receiver is reached that way.
            return zero(b, 0, 12) ? notPublic(kind) : kind;
        }
        if (zero(b, 0, 15)) {
            return b[15] == 0 ? AddressKind.UNSPECIFIED : b[15] == 1 ? AddressKind.LOOPBACK : AddressKind.RESERVED;
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            // The rest of 64:ff9b::/32 (64:ff9b:1::/48 is local-use NAT64) is a network's own translator,
            // which reaches whatever that network does.
            return AddressKind.RESERVED;
        }
        if (w0 == 0x2001 && w1 == 0) {
            return AddressKind.TUNNEL;
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return AddressKind.RESERVED;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return AddressKind.UNIQUE_LOCAL;
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return AddressKind.LINK_LOCAL;
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return AddressKind.SITE_LOCAL;
        }
        if ((b[0] & 0xff) == 0xff) {
            return AddressKind.MULTICAST;
        }
        if (w0 == 0x0100 && zero(b, 2, 8)) {
            // The discard-only prefix 100::/64.
            return AddressKind.RESERVED;
        }
        // Outside 2000::/3 nothing is allocated for the public internet.
        return (b[0] & 0xe0) == 0x20 ? AddressKind.PUBLIC : AddressKind.RESERVED;
    }

    /**
     * The IPv4 host an IPv6 address reaches, when it carries one: IPv4-mapped (::ffff:a.b.c.d, which the
     * JDK already turns into IPv4), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) or 6to4
     * (2002:aabb:ccdd::).
     */
    public static Optional<Inet4Address> reachedIpv4(InetAddress address) {
        return address instanceof Inet6Address
                ? embedded(address.getAddress()).map(Addresses::ofBytes)
                : Optional.empty();
    }

    private static Optional<byte[]> embedded(byte[] b) {
        if (zero(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
            // ::ffff:a.b.c.d, or ::a.b.c.d except :: and ::1 themselves (and ::0.0.0.x).
            return zero(b, 10, 15) ? Optional.empty() : Optional.of(tail(b));
        }
        if (word(b, 0) == 0x0064 && word(b, 2) == 0xff9b && zero(b, 4, 12)) {
            return Optional.of(tail(b));
        }
        if (word(b, 0) == 0x2002) {
            return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
        }
        return Optional.empty();
    }

    /** An address only reachable through a deprecated mechanism is no receiver, whatever it embeds. */
    private static AddressKind notPublic(AddressKind kind) {
        return kind == AddressKind.PUBLIC ? AddressKind.RESERVED : kind;
    }

    private static byte[] tail(byte[] b) {
        return new byte[] {b[12], b[13], b[14], b[15]};
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address of four bytes (never resolves anything). */
    public static Inet4Address ofBytes(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not four bytes", e);
        }
    }
}

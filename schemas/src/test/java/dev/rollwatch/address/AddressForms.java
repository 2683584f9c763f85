package dev.rollwatch.address;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every way of writing an address in a URL's host that the address rules must see through, with what
 * it is. Shared (through the test-jar) by the request-time rule's tests and the notifier's send-time
 * policy's, so both are held to one table.
 */
public final class AddressForms {

    /**
     * @param host    as written in the URL
     * @param address what curl / inet_aton (IPv4) or the JDK (IPv6) reads, or null when no address
     * @param kind    the kind of that address, or null when none
     * @param plain   written in the one spelling every client reads alike
     */
    public record Form(String host, String address, AddressKind kind, boolean plain) {
        @Override
        public String toString() {
            return host;
        }

        public String url() {
            return "https://" + host + "/hook";
        }
    }

    private static Form plain(String host, String address, AddressKind kind) {
        return new Form(host, address, kind, true);
    }

    private static Form odd(String host, String address, AddressKind kind) {
        return new Form(host, address, kind, false);
    }

    private static Form none(String host) {
        return new Form(host, null, null, false);
    }

    public static final List<Form> ALL = List.of(
            // 10.0.0.1 in every inet_aton form.
            plain("10.0.0.1", "10.0.0.1", AddressKind.PRIVATE),
            plain("10.0.0.1.", "10.0.0.1", AddressKind.PRIVATE),
            odd("012.0.0.1", "10.0.0.1", AddressKind.PRIVATE),
            odd("0xa.0.0.1", "10.0.0.1", AddressKind.PRIVATE),
            odd("0XA.0x0.00.0x01", "10.0.0.1", AddressKind.PRIVATE),
            odd("167772161", "10.0.0.1", AddressKind.PRIVATE),
            odd("0xa000001", "10.0.0.1", AddressKind.PRIVATE),
            odd("01200000001", "10.0.0.1", AddressKind.PRIVATE),
            odd("0x0000000a000001", "10.0.0.1", AddressKind.PRIVATE),
            odd("10.1", "10.0.0.1", AddressKind.PRIVATE),
            odd("10.0.1", "10.0.0.1", AddressKind.PRIVATE),
            odd("012.0x1", "10.0.0.1", AddressKind.PRIVATE),
            odd("10.0.0.01", "10.0.0.1", AddressKind.PRIVATE),
            plain("172.16.0.1", "172.16.0.1", AddressKind.PRIVATE),
            plain("172.31.255.255", "172.31.255.255", AddressKind.PRIVATE),
            odd("0xac100001", "172.16.0.1", AddressKind.PRIVATE),
            plain("192.168.1.1", "192.168.1.1", AddressKind.PRIVATE),
            odd("3232235777", "192.168.1.1", AddressKind.PRIVATE),
            odd("0300.0250.1.1", "192.168.1.1", AddressKind.PRIVATE),
            odd("192.168.257", "192.168.1.1", AddressKind.PRIVATE),
            // Loopback.
            plain("127.0.0.1", "127.0.0.1", AddressKind.LOOPBACK),
            plain("127.255.255.254", "127.255.255.254", AddressKind.LOOPBACK),
            odd("127.1", "127.0.0.1", AddressKind.LOOPBACK),
            odd("2130706433", "127.0.0.1", AddressKind.LOOPBACK),
            odd("0x7f000001", "127.0.0.1", AddressKind.LOOPBACK),
            odd("017700000001", "127.0.0.1", AddressKind.LOOPBACK),
            odd("0177.0.0.1", "127.0.0.1", AddressKind.LOOPBACK),
            // The cloud metadata endpoint, link-local.
            plain("169.254.169.254", "169.254.169.254", AddressKind.LINK_LOCAL),
            odd("0251.0376.0251.0376", "169.254.169.254", AddressKind.LINK_LOCAL),
            odd("0xa9fea9fe", "169.254.169.254", AddressKind.LINK_LOCAL),
            odd("0xA9.0xFE.0xA9.0xFE", "169.254.169.254", AddressKind.LINK_LOCAL),
            odd("2852039166", "169.254.169.254", AddressKind.LINK_LOCAL),
            odd("169.254.43518", "169.254.169.254", AddressKind.LINK_LOCAL),
            odd("169.16689662", "169.254.169.254", AddressKind.LINK_LOCAL),
            // Carrier-grade NAT, special-purpose IPv4.
            plain("100.64.0.1", "100.64.0.1", AddressKind.CARRIER_GRADE_NAT),
            plain("100.127.255.255", "100.127.255.255", AddressKind.CARRIER_GRADE_NAT),
            odd("0x64400001", "100.64.0.1", AddressKind.CARRIER_GRADE_NAT),
            plain("0.0.0.0", "0.0.0.0", AddressKind.UNSPECIFIED),
            odd("0", "0.0.0.0", AddressKind.UNSPECIFIED),
            plain("0.1.2.3", "0.1.2.3", AddressKind.RESERVED),
            plain("192.0.0.8", "192.0.0.8", AddressKind.RESERVED),
            plain("198.18.0.1", "198.18.0.1", AddressKind.RESERVED),
            plain("198.19.255.255", "198.19.255.255", AddressKind.RESERVED),
            plain("240.0.0.1", "240.0.0.1", AddressKind.RESERVED),
            plain("255.255.255.255", "255.255.255.255", AddressKind.BROADCAST),
            odd("4294967295", "255.255.255.255", AddressKind.BROADCAST),
            plain("224.0.0.1", "224.0.0.1", AddressKind.MULTICAST),
            // IPv6 literals, and IPv6 addresses that reach an IPv4 host.
            plain("[::1]", "::1", AddressKind.LOOPBACK),
            plain("[0:0:0:0:0:0:0:1]", "::1", AddressKind.LOOPBACK),
            plain("[::]", "::", AddressKind.UNSPECIFIED),
            plain("[::a00:1]", "::a00:1", AddressKind.PRIVATE),
            plain("[::10.0.0.1]", "::a00:1", AddressKind.PRIVATE),
            plain("[::7f00:1]", "::7f00:1", AddressKind.LOOPBACK),
            plain("[::808:808]", "::808:808", AddressKind.RESERVED),
            plain("[::ffff:10.0.0.1]", "10.0.0.1", AddressKind.PRIVATE),
            plain("[::ffff:a9fe:a9fe]", "169.254.169.254", AddressKind.LINK_LOCAL),
            plain("[::ffff:127.0.0.1]", "127.0.0.1", AddressKind.LOOPBACK),
            plain("[0:0:0:0:0:ffff:6440:1]", "100.64.0.1", AddressKind.CARRIER_GRADE_NAT),
            plain("[64:ff9b::a00:1]", "64:ff9b::a00:1", AddressKind.PRIVATE),
            plain("[64:ff9b::169.254.169.254]", "64:ff9b::a9fe:a9fe", AddressKind.LINK_LOCAL),
            plain("[64:ff9b:1::a00:1]", "64:ff9b:1::a00:1", AddressKind.RESERVED),
            plain("[2002:a00:1::1]", "2002:a00:1::1", AddressKind.PRIVATE),
            plain("[2002:7f00:1::]", "2002:7f00:1::", AddressKind.LOOPBACK),
            plain("[2002:a9fe:a9fe::]", "2002:a9fe:a9fe::", AddressKind.LINK_LOCAL),
            plain("[2001::1]", "2001::1", AddressKind.TUNNEL),
            plain("[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressKind.TUNNEL),
            plain("[2001:db8::1]", "2001:db8::1", AddressKind.RESERVED),
            plain("[fe80::1]", "fe80::1", AddressKind.LINK_LOCAL),
            plain("[febf::1]", "febf::1", AddressKind.LINK_LOCAL),
            plain("[fec0::1]", "fec0::1", AddressKind.SITE_LOCAL),
            plain("[fd00::1]", "fd00::1", AddressKind.UNIQUE_LOCAL),
            plain("[fc00::1]", "fc00::1", AddressKind.UNIQUE_LOCAL),
            plain("[ff02::1]", "ff02::1", AddressKind.MULTICAST),
            plain("[100::1]", "100::1", AddressKind.RESERVED),
            // Numeric-looking text that no reader agrees is an address.
            none("1.2.3.4.5"),
            none("256.0.0.1"),
            none("10.0.0.256"),
            none("08.0.0.1"),
            none("0x"),
            none("0x1.0x"),
            none("4294967296"),
            none("1.16777216"),
            none("hooks.example.123"),
            none("[fe80::1%eth0]"),
            // Public addresses: allowed in their plain spelling only.
            plain("93.184.216.34", "93.184.216.34", AddressKind.PUBLIC),
            plain("8.8.8.8", "8.8.8.8", AddressKind.PUBLIC),
            plain("100.128.0.1", "100.128.0.1", AddressKind.PUBLIC),
            plain("172.32.0.1", "172.32.0.1", AddressKind.PUBLIC),
            odd("0x5db8d822", "93.184.216.34", AddressKind.PUBLIC),
            odd("1572395042", "93.184.216.34", AddressKind.PUBLIC),
            odd("010.0.0.1", "8.0.0.1", AddressKind.PUBLIC),
            plain("[2606:4700:4700::1111]", "2606:4700:4700::1111", AddressKind.PUBLIC),
            plain("[::ffff:8.8.8.8]", "8.8.8.8", AddressKind.PUBLIC),
            plain("[64:ff9b::808:808]", "64:ff9b::808:808", AddressKind.PUBLIC),
            plain("[2002:808:808::1]", "2002:808:808::1", AddressKind.PUBLIC));

    private AddressForms() {}

    /** The IPv4 ranges that are not the public internet, as (first address, prefix length). */
    public static final List<long[]> INTERNAL_IPV4_RANGES = List.of(
            new long[] {0x0a000000L, 8},
            new long[] {0xac100000L, 12},
            new long[] {0xc0a80000L, 16},
            new long[] {0x7f000000L, 8},
            new long[] {0xa9fe0000L, 16},
            new long[] {0x64400000L, 10},
            new long[] {0x00000000L, 8},
            new long[] {0xc0000000L, 24},
            new long[] {0xc6120000L, 15},
            new long[] {0xe0000000L, 4},
            new long[] {0xf0000000L, 4});

    public static byte[] bytes(long address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** How one part of an IPv4 literal is written. */
    public enum Radix {
        DECIMAL,
        OCTAL,
        HEX,
        UPPER_HEX
    }

    /**
     * Writes an IPv4 address in one of the forms inet_aton reads: {@code radixes.length} parts (one to
     * four), all but the last one byte each and the last the bytes left, each in its radix with
     * {@code zeros} extra leading zeros for the octal and hex parts.
     */
    public static String spell(byte[] address, List<Radix> radixes, int zeros) {
        int parts = radixes.size();
        long whole = ((address[0] & 0xffL) << 24)
                | ((address[1] & 0xff) << 16)
                | ((address[2] & 0xff) << 8)
                | (address[3] & 0xff);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            long value = i < parts - 1 ? address[i] & 0xff : whole & (0xffffffffL >>> (8 * i));
            String pad = "0".repeat(zeros);
            text.append(i == 0 ? "" : ".")
                    .append(
                            switch (radixes.get(i)) {
                                case DECIMAL -> Long.toString(value);
                                case OCTAL -> "0" + pad + Long.toOctalString(value);
                                case HEX -> "0x" + pad + Long.toHexString(value);
                                case UPPER_HEX ->
                                    "0X" + pad + Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
                            });
        }
        return text.toString();
    }

    /** Forms a server that calls only public receivers must refuse. */
    public static Stream<Form> refused() {
        return ALL.stream().filter(form -> !form.plain() || form.kind() != AddressKind.PUBLIC);
    }

    /** Public addresses in their plain spelling: the only literals anyone may call. */
    public static Stream<Form> allowed() {
        return ALL.stream().filter(form -> form.plain() && form.kind() == AddressKind.PUBLIC);
    }
}

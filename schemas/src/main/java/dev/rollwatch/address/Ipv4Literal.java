package dev.rollwatch.address;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an IPv4 literal the way the C library's {@code inet_aton} does, which is how curl, most
 * resolvers ({@code getaddrinfo}) and so many HTTP clients read a host: one to four parts, each decimal,
 * octal (leading 0) or hex (leading 0x), the last part filling the bytes that are left. {@code 012.0.0.1}
 * is 10.0.0.1 there, {@code 0xa9fea9fe} is 169.254.169.254 and {@code 127.1} is 127.0.0.1, while Java's
 * own parsers read some of them as other addresses or not at all. No library the project uses reads
 * this form (Guava and commons-validator accept only the dotted quad), hence this small reader.
 */
public final class Ipv4Literal {

    private static final Pattern PART = Pattern.compile("0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*");
    private static final Pattern CANONICAL =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    /** Longer than any part inet_aton could accept; keeps the arithmetic in a long. */
    private static final int MAX_PART_LENGTH = 34;

    private Ipv4Literal() {}

    /** The four bytes inet_aton reads from the text, or empty when inet_aton refuses it. */
    public static Optional<byte[]> read(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = part(parts[i]);
            if (value == null) {
                return Optional.empty();
            }
            values[i] = value;
        }
        // Every part but the last is one byte; the last fills the rest (a.b.c.d, a.b.c16, a.b24, a32).
        int last = values.length - 1;
        for (int i = 0; i < last; i++) {
            if (values[i] > 0xff) {
                return Optional.empty();
            }
        }
        int lastBits = 8 * (4 - last);
        if (values[last] >= (1L << lastBits)) {
            return Optional.empty();
        }
        long address = values[last];
        for (int i = 0; i < last; i++) {
            address |= values[i] << (24 - 8 * i);
        }
        return Optional.of(
                new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    /**
     * Whether the text is the one spelling every reader agrees on: four decimal bytes without leading
     * zeros. Any other spelling is read differently by different clients (Java reads 010.0.0.1 as
     * 10.0.0.1, inet_aton as 8.0.0.1), so a check of one reading says nothing of what gets called.
     */
    public static boolean isCanonical(String text) {
        return CANONICAL.matcher(text).matches() && read(text).isPresent();
    }

    private static Long part(String part) {
        if (part.isEmpty()
                || part.length() > MAX_PART_LENGTH
                || !PART.matcher(part).matches()) {
            return null;
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            String digits = stripLeadingZeros(part.substring(2));
            // glibc reads a bare "0x" as 0; refusing it costs nobody anything.
            return part.length() == 2 || digits.length() > 8
                    ? null
                    : Long.parseLong(digits.isEmpty() ? "0" : digits, 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            String digits = stripLeadingZeros(part.substring(1));
            return digits.length() > 11 ? null : Long.parseLong(digits.isEmpty() ? "0" : digits, 8);
        }
        return part.length() > 10 ? null : Long.parseLong(part);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}

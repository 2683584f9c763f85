package dev.rollwatch.address;

import dev.rollwatch.address.AddressForms.Radix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Generated spellings of internal IPv4 addresses, for the tests that prove every one is refused (at the
 * release API's door and in the notifier before any attempt). Seeded, so a run is reproducible: every
 * internal range × every inet_aton shape (one to four parts, each decimal, octal, hex or upper-case hex:
 * 340 shapes), at the range's first or last address or a random one inside it, with 0–3 extra leading
 * zeros and with or without a trailing dot; then {@code rollwatch.fuzz.cases} (1,000) fully random cases.
 * Each case names its seed; {@code -Drollwatch.fuzz.seed=<seed>} replays a failure.
 */
public final class InternalIpv4Spellings {

    public static final long SEED = Long.getLong("rollwatch.fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("rollwatch.fuzz.cases", 1000);
    private static final Radix[] RADIXES = Radix.values();

    private InternalIpv4Spellings() {}

    /** One internal address in one spelling. */
    public record Spelling(long seed, int index, long address, List<Radix> radixes, int zeros, boolean trailingDot) {

        /** The address as inet_aton would read it, without the trailing dot. */
        public String spelled() {
            return AddressForms.spell(AddressForms.bytes(address), radixes, zeros);
        }

        /** The host as it would stand in a URL. */
        public String host() {
            return trailingDot ? spelled() + "." : spelled();
        }

        @Override
        public String toString() {
            byte[] b = AddressForms.bytes(address);
            return "%d.%d.%d.%d as %s (radixes %s, zeros %d; case %d of seed %d, replay with -Drollwatch.fuzz.seed=%d)"
                    .formatted(
                            b[0] & 0xff,
                            b[1] & 0xff,
                            b[2] & 0xff,
                            b[3] & 0xff,
                            host(),
                            radixes,
                            zeros,
                            index,
                            seed,
                            seed);
        }
    }

    public static Stream<Spelling> all() {
        Random random = new Random(SEED);
        List<Spelling> cases = new ArrayList<>();
        // Every range × every shape, at the range's edges and inside it.
        for (long[] range : AddressForms.INTERNAL_IPV4_RANGES) {
            long hosts = 1L << (32 - range[1]);
            for (List<Radix> shape : shapes()) {
                long host = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> hosts - 1;
                    default -> random.nextLong(hosts);
                };
                cases.add(new Spelling(
                        SEED, cases.size(), range[0] | host, shape, random.nextInt(4), random.nextBoolean()));
            }
        }
        // Then anything at all from the same space.
        for (int i = 0; i < CASES; i++) {
            long[] range =
                    AddressForms.INTERNAL_IPV4_RANGES.get(random.nextInt(AddressForms.INTERNAL_IPV4_RANGES.size()));
            long address = range[0] | random.nextLong(1L << (32 - range[1]));
            List<Radix> radixes = new ArrayList<>();
            for (int parts = 1 + random.nextInt(4); radixes.size() < parts; ) {
                radixes.add(RADIXES[random.nextInt(RADIXES.length)]);
            }
            cases.add(new Spelling(
                    SEED, cases.size(), address, List.copyOf(radixes), random.nextInt(4), random.nextBoolean()));
        }
        return cases.stream();
    }

    /** Every list of one to four radixes. */
    private static List<List<Radix>> shapes() {
        List<List<Radix>> shapes = new ArrayList<>();
        for (int parts = 1; parts <= 4; parts++) {
            int count = (int) Math.pow(RADIXES.length, parts);
            for (int n = 0; n < count; n++) {
                List<Radix> radixes = new ArrayList<>();
                for (int i = 0, rest = n; i < parts; i++, rest /= RADIXES.length) {
                    radixes.add(RADIXES[rest % RADIXES.length]);
                }
                shapes.add(List.copyOf(radixes));
            }
        }
        return shapes;
    }
}

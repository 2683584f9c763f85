package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.address.AddressForms;
import dev.rollwatch.address.AddressForms.Radix;
import dev.rollwatch.address.Host;
import dev.rollwatch.address.Ipv4Literal;
import dev.rollwatch.events.NotificationTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * However an internal IPv4 address is spelled, the release API refuses it as a webhook host.
 *
 * <p>The cases come from a seeded generator, so a run is reproducible: every internal range × every
 * inet_aton shape (one to four parts, each part decimal, octal, hex or upper-case hex: 340 shapes), at
 * the range's first and last address and at random ones inside it, with 0–3 extra leading zeros and with
 * or without a trailing dot; then {@code rollwatch.fuzz.cases} fully random cases. Each case names its
 * seed; {@code -Drollwatch.fuzz.seed=<seed>} replays a failure.
 */
class AnySpellingOfAnInternalAddressTest {

    private static final long SEED = Long.getLong("rollwatch.fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("rollwatch.fuzz.cases", 1000);
    private static final Radix[] RADIXES = Radix.values();

    record Case(long seed, int index, long address, List<Radix> radixes, int zeros, boolean trailingDot) {
        String spelled() {
            return AddressForms.spell(AddressForms.bytes(address), radixes, zeros);
        }

        String host() {
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

    static Stream<Case> spellings() {
        Random random = new Random(SEED);
        List<List<Radix>> shapes = shapes();
        List<Case> cases = new ArrayList<>();
        // Every range × every shape, at the range's edges and inside it.
        for (long[] range : AddressForms.INTERNAL_IPV4_RANGES) {
            long hosts = 1L << (32 - range[1]);
            for (List<Radix> shape : shapes) {
                long host = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> hosts - 1;
                    default -> random.nextLong(hosts);
                };
                cases.add(
                        new Case(SEED, cases.size(), range[0] | host, shape, random.nextInt(4), random.nextBoolean()));
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
            cases.add(new Case(
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void anySpellingOfAnInternalIpv4AddressIsReadAsItAndRefusedAtTheDoor(Case spelling) {
        String host = spelling.host();

        assertThat(Ipv4Literal.read(spelling.spelled()))
                .as(spelling.toString())
                .hasValueSatisfying(read -> assertThat(read).containsExactly(AddressForms.bytes(spelling.address())));
        assertThat(Host.read(host)).as(spelling.toString()).isNotInstanceOf(Host.Name.class);

        Errors errors = new Errors();
        NotificationRules.check(
                errors,
                List.of(new NotificationTarget(
                        NotificationTarget.Type.WEBHOOK, null, null, null, "https://" + host + ":8443/hook")));
        assertThat(errors.list())
                .as(spelling.toString())
                .singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("notifications[0].url"));
    }
}

package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.address.AddressForms;
import dev.rollwatch.address.AddressForms.Radix;
import dev.rollwatch.address.Host;
import dev.rollwatch.address.Ipv4Literal;
import dev.rollwatch.events.NotificationTarget;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property: however an internal IPv4 address is spelled, the release API refuses it as a webhook host. */
class AnySpellingOfAnInternalAddressTest {

    @Provide
    Arbitrary<Long> internalIpv4() {
        return Arbitraries.of(AddressForms.INTERNAL_IPV4_RANGES)
                .flatMap(range -> Arbitraries.longs()
                        .between(0, (1L << (32 - range[1])) - 1)
                        .map(host -> range[0] | host));
    }

    @Property(tries = 3000)
    void anySpellingOfAnInternalIpv4AddressIsReadAsItAndRefusedAtTheDoor(
            @ForAll("internalIpv4") long address,
            @ForAll @Size(min = 1, max = 4) List<Radix> radixes,
            @ForAll @IntRange(max = 3) int zeros,
            @ForAll boolean trailingDot) {
        String spelled = AddressForms.spell(AddressForms.bytes(address), radixes, zeros);
        String host = trailingDot ? spelled + "." : spelled;

        assertThat(Ipv4Literal.read(spelled))
                .hasValueSatisfying(read -> assertThat(read).containsExactly(AddressForms.bytes(address)));
        assertThat(Host.read(host)).isNotInstanceOf(Host.Name.class);

        Errors errors = new Errors();
        NotificationRules.check(
                errors,
                List.of(new NotificationTarget(
                        NotificationTarget.Type.WEBHOOK, null, null, null, "https://" + host + ":8443/hook")));
        assertThat(errors.list())
                .singleElement()
                .satisfies(error -> assertThat(error.field()).isEqualTo("notifications[0].url"));
    }
}

package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.address.AddressForms;
import dev.rollwatch.address.Host;
import dev.rollwatch.address.InternalIpv4Spellings;
import dev.rollwatch.address.InternalIpv4Spellings.Spelling;
import dev.rollwatch.address.Ipv4Literal;
import dev.rollwatch.events.NotificationTarget;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * However an internal IPv4 address is spelled, the release API refuses it as a webhook host. The
 * spellings are generated and seeded ({@link InternalIpv4Spellings}), so a failure names the seed that
 * replays it.
 */
class AnySpellingOfAnInternalAddressTest {

    static Stream<Spelling> spellings() {
        return InternalIpv4Spellings.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void anySpellingOfAnInternalIpv4AddressIsReadAsItAndRefusedAtTheDoor(Spelling spelling) {
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

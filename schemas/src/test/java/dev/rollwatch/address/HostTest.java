package dev.rollwatch.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.address.AddressForms.Form;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostTest {

    static Stream<Form> forms() {
        return AddressForms.ALL.stream();
    }

    private static InetAddress literal(String address) throws UnknownHostException {
        // Test data only: every expected address is an IPv4 or IPv6 literal, which the JDK never resolves.
        return InetAddress.getByName(address);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void everySpellingOfAnAddressIsReadAsCurlReadsItAndClassified(Form form) throws Exception {
        Host host = Host.of(URI.create(form.url())).orElseThrow();

        assertThat(host.text()).isEqualTo(form.host());
        if (form.plain()) {
            assertThat(host).isInstanceOf(Host.Literal.class);
            assertThat(((Host.Literal) host).address()).isEqualTo(literal(form.address()));
            assertThat(((Host.Literal) host).kind()).isEqualTo(form.kind());
        } else {
            assertThat(host).isInstanceOf(Host.Ambiguous.class);
            Host.Ambiguous ambiguous = (Host.Ambiguous) host;
            if (form.address() == null) {
                assertThat(ambiguous.reading()).isEmpty();
                assertThat(ambiguous.reason())
                        .isEqualTo("host " + form.host() + " looks like an IP address but is none");
            } else {
                assertThat(ambiguous.reading()).contains(literal(form.address()));
                assertThat(Addresses.classify(ambiguous.reading().orElseThrow()))
                        .isEqualTo(form.kind());
                assertThat(ambiguous.reason()).contains(form.address());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"hooks.example.com", "hooks.example.com.", "localhost", "10.0.0.1.nip.io", "0x1.example", "a-1"})
    void namesAreLeftToTheResolver(String name) {
        assertThat(Host.of(URI.create("https://" + name + ":8443/x"))).contains(new Host.Name(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@10.1:8080/x", "https://10.1:8080/x", "https://10.1/x"})
    void theHostIsReadFromTheAuthorityWhereTheJdkGivesUp(String url) {
        assertThat(URI.create(url).getHost()).isNull();
        assertThat(Host.of(URI.create(url)).orElseThrow().text()).isEqualTo("10.1");
    }
}

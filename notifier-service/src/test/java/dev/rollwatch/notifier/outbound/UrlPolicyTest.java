package dev.rollwatch.notifier.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rollwatch.address.AddressForms;
import dev.rollwatch.address.AddressForms.Form;
import dev.rollwatch.address.InternalIpv4Spellings;
import dev.rollwatch.address.InternalIpv4Spellings.Spelling;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {

    /** A resolver that knows a few names, so no test depends on real DNS. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebind.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "mixed.example.com", "93.184.216.34,192.168.1.10",
            "nat64.example.com", "64:ff9b::a9fe:a9fe",
            "compat.example.com", "::a00:1",
            "cgnat.example.com", "100.100.100.200",
            "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String addresses = DNS.get(host);
        if (addresses == null) {
            // IP literals resolve to themselves without DNS.
            // The policy reads address literals itself: a literal reaching the resolver is a bug.
            throw new UnknownHostException(host);
        }
        String[] parts = addresses.split(",");
        InetAddress[] result = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            result[i] = InetAddress.getByName(parts[i]);
        }
        return result;
    }

    private final UrlPolicy strict = new UrlPolicy(false, false, false, UrlPolicyTest::resolve);

    @Test
    void acceptsAPublicHttpsUrl() {
        assertThat(strict.check("https://hooks.example.com/services/T0/B0/x").getHost())
                .isEqualTo("hooks.example.com");
    }

    @Test
    void refusesPlainHttpUnlessAllowed() {
        assertThatThrownBy(() -> strict.check("http://hooks.example.com/x"))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining("plain http is not allowed");
        assertThat(new UrlPolicy(true, false, false, UrlPolicyTest::resolve).check("http://hooks.example.com/x"))
                .isNotNull();
    }

    @Test
    void refusesOtherSchemesAndCredentials() {
        assertThatThrownBy(() -> strict.check("ftp://hooks.example.com/x")).hasMessageContaining("scheme 'ftp'");
        assertThatThrownBy(() -> strict.check("file:///etc/passwd")).isInstanceOf(UrlRefusedException.class);
        assertThatThrownBy(() -> strict.check("https://user:pw@hooks.example.com/x"))
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("pw");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.5/hook",
                "https://172.16.3.4/hook",
                "https://192.168.0.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/x",
                "https://[fd00::1]/x",
                "https://[fe80::1]/x",
                "https://rebind.example.com/x",
                "https://metadata.example.com/x",
                "https://[64:ff9b::a00:1]/x",
                "https://0.0.0.1/x"
            })
    void refusesInternalAddressesWithTheSwitchOff(String url) {
        assertThatThrownBy(() -> strict.check(url))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining("which is not allowed");
    }

    @Test
    void refusesLoopbackWithTheSwitchOffAndAllowsItWithTheSwitchOn() {
        assertThatThrownBy(() -> strict.check("https://localhost:8089/hook"))
                .hasMessage("host localhost resolves to loopback address 127.0.0.1, which is not allowed");
        assertThatThrownBy(() -> strict.check("https://[::1]/hook")).hasMessageContaining("loopback");
        UrlPolicy local = new UrlPolicy(true, true, false, UrlPolicyTest::resolve);
        assertThat(local.check("http://localhost:8089/hook")).isNotNull();
        assertThatThrownBy(() -> local.check("https://10.0.0.5/hook")).hasMessageContaining("private address");
    }

    @Test
    void allowsPrivateNetworksOnlyWithTheirOwnSwitch() {
        assertThat(new UrlPolicy(false, false, true, UrlPolicyTest::resolve).check("https://10.0.0.5/hook"))
                .isNotNull();
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsInternal() {
        assertThatThrownBy(() -> strict.check("https://mixed.example.com/x"))
                .hasMessageContaining("private address 192.168.1.10");
    }

    @Test
    void alwaysRefusesTheUnspecifiedAndMulticastAddresses() {
        UrlPolicy lax = new UrlPolicy(true, true, true, UrlPolicyTest::resolve);
        assertThatThrownBy(() -> lax.check("http://0.0.0.0/x")).hasMessageContaining("unspecified");
        assertThatThrownBy(() -> lax.check("http://224.0.0.1/x")).hasMessageContaining("multicast");
    }

    @Test
    void refusesAHostThatDoesNotResolveWithoutShowingThePath() {
        assertThatThrownBy(() -> strict.check("https://nowhere.invalid/services/s3cret"))
                .hasMessage("host nowhere.invalid does not resolve");
    }

    static Stream<Form> refusedForms() {
        return AddressForms.refused();
    }

    static Stream<Form> allowedForms() {
        return AddressForms.allowed();
    }

    @ParameterizedTest
    @MethodSource("refusedForms")
    void everyInternalOrAmbiguousSpellingOfAnAddressIsRefusedWithoutAskingDns(Form form) {
        assertThatThrownBy(() -> strict.check(form.url()))
                .isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining(form.host());
    }

    @ParameterizedTest
    @MethodSource("allowedForms")
    void aPublicAddressWrittenPlainlyMayBeCalled(Form form) {
        assertThat(strict.check(form.url())).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://012.0.0.1/x", "https://0xa9fea9fe/x", "https://127.1/x", "https://010.0.0.1/x"})
    void aSpellingClientsReadDifferentlyIsRefusedEvenWhereInternalAddressesAreAllowed(String url) {
        UrlPolicy lax = new UrlPolicy(true, true, true, UrlPolicyTest::resolve);
        assertThatThrownBy(() -> lax.check(url)).isInstanceOf(UrlRefusedException.class);
    }

    @Test
    void anIpv4CompatibleAddressIsRefusedAsTheIpv4HostItReaches() {
        assertThatThrownBy(() -> strict.check("https://[::a00:1]/"))
                .hasMessage("host [::a00:1] reaches the private address 10.0.0.1, which is not allowed");
        assertThatThrownBy(() -> strict.check("https://compat.example.com/x")).hasMessageContaining("private address");
        assertThatThrownBy(() -> strict.check("https://nat64.example.com/x")).hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.check("https://cgnat.example.com/x"))
                .hasMessage("host cgnat.example.com resolves to carrier-grade NAT address 100.100.100.200, "
                        + "which is not allowed");
    }

    /** Generated, seeded spellings of internal IPv4 addresses (see {@link InternalIpv4Spellings}). */
    static Stream<Spelling> internalIpv4Spellings() {
        return InternalIpv4Spellings.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("internalIpv4Spellings")
    void anySpellingOfAnInternalIpv4AddressIsRefusedBeforeAnyAttempt(Spelling spelling) {
        // An address literal is read by the policy itself: asking DNS about it would be a bug.
        UrlPolicy noDns = new UrlPolicy(false, false, false, host -> {
            throw new AssertionError("asked DNS about " + host + " for " + spelling);
        });

        Throwable thrown = catchThrowable(() -> noDns.check("https://" + spelling.spelled() + "/hook"));

        assertThat(thrown).as(spelling.toString()).isInstanceOf(UrlRefusedException.class);
    }
}

package dev.rollwatch.healthmonitor.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodAddressesTest {

    private final PodAddresses shop = new PodAddresses(List.of("10.1.2.3", "fd00::a:1"));

    @Test
    void anEndpointOnAPodOfTheNamespaceMayBeScraped() {
        assertThat(shop.refusal("http://10.1.2.3:8080/metrics", "shop")).isNull();
        assertThat(shop.refusal("https://10.1.2.3:9443/q/metrics", "shop")).isNull();
        assertThat(shop.refusal("http://[fd00:0:0:0:0:0:a:1]:8080/metrics", "shop"))
                .isNull();
        assertThat(shop.refusal("http://[FD00::A:1]:8080/metrics", "shop")).isNull();
    }

    @Test
    void anyOtherHostIsRefusedAndSaysWhy() {
        assertThat(shop.refusal("http://10.1.2.4:8080/metrics", "shop"))
                .isEqualTo("not the address of a pod in namespace shop, so not scraped");
        for (String other : List.of(
                "http://kubernetes.default.svc/api",
                "http://vault.security:8200/v1/secret",
                "http://169.254.169.254/latest/meta-data",
                "http://localhost:8080/metrics",
                "http://127.0.0.1:8080/metrics",
                "http://[::1]:8080/metrics")) {
            assertThat(shop.hosts(other)).as(other).isFalse();
        }
    }

    @Test
    void odderSpellingsOfAPodsAddressAreRefusedRatherThanGuessedAt() {
        // Each parser reads these differently (012 as octal 10 or as decimal 12); only the pod's own spelling counts.
        for (String odd : List.of(
                "http://010.1.2.3/metrics",
                "http://10.1.2.03/metrics",
                "http://0x0a010203/metrics",
                "http://167838211/metrics",
                "http://10.1.515/metrics",
                "http://10.1.2.3.nip.io/metrics",
                "not a url at all")) {
            assertThat(shop.hosts(odd)).as(odd).isFalse();
        }
    }

    @Test
    void podsThatCouldNotBeListedLetNothingThrough() {
        PodAddresses unchecked = PodAddresses.unchecked("listing the pods of namespace shop failed: could not connect");

        assertThat(unchecked.refusal("http://10.1.2.3:8080/metrics", "shop"))
                .isEqualTo("not scraped: it could not be checked against the pods of namespace shop "
                        + "(listing the pods of namespace shop failed: could not connect)");
    }
}

package dev.rollwatch.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    interface Greeter {
        String type();
    }

    record Named(String type) implements Greeter {}

    private static final Greeter NO_GREETER = new Named("none");

    @Test
    void answersEachTypeWithItsProvider() {
        Greeter slack = new Named("slack");
        Greeter webhook = new Named("webhook");
        ProviderRegistry<String, Greeter> registry =
                ProviderRegistry.of("greeter", Greeter::type, List.of(slack, webhook), NO_GREETER);

        assertThat(registry.get("webhook")).isSameAs(webhook);
        assertThat(registry.find("slack")).contains(slack);
        assertThat(registry.typeNames()).containsExactly("slack", "webhook");
        assertThat(registry.none()).isSameAs(NO_GREETER);
        assertThat(registry.isNone(NO_GREETER)).isTrue();
        assertThat(registry.isNone(slack)).isFalse();
    }

    @Test
    void refusesAnUnknownTypeByNameListingTheKnownOnes() {
        ProviderRegistry<String, Greeter> registry =
                ProviderRegistry.of("greeter", Greeter::type, List.of(new Named("slack")), NO_GREETER);

        assertThatThrownBy(() -> registry.get("slak"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown greeter type 'slak'; known types: slack");
        assertThatThrownBy(() -> registry.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.find("slak")).isEmpty();
    }

    @Test
    void refusesTwoProvidersForOneType() {
        assertThatThrownBy(() -> ProviderRegistry.of(
                        "greeter", Greeter::type, List.of(new Named("slack"), new Named("slack")), NO_GREETER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two greeter providers for type 'slack'");
    }

    @Test
    void registersTheNullObjectUnderItsOwnTypeWhenListed() {
        ProviderRegistry<String, Greeter> registry =
                ProviderRegistry.of("greeter", Greeter::type, List.of(NO_GREETER), NO_GREETER);

        assertThat(registry.get("none")).isSameAs(NO_GREETER);
    }
}

package dev.rollwatch.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetAllowListTest {

    private static final Target SHOP_CHANNEL = Target.slack("#shop-releases");
    private static final Target PAYMENTS_CHANNEL = Target.slack("#payments-releases");
    private static final Target SHOP_COMPONENT = Target.statuspage("page-shop", "checkout");
    private static final Target PAYMENTS_COMPONENT = Target.statuspage("page-payments", "cards");
    private static final Target HOOK = Target.webhook("https://hooks.example.com/a/secret-path");

    private static TargetAllowList.Allowed allowed(List<String> channels, List<String> pages) {
        return new TargetAllowList.Allowed(channels, pages);
    }

    @Test
    void anInstallationWithNoEntryRefusesEverySlackChannelAndStatuspagePage() {
        TargetAllowList none = new TargetAllowList(Map.of());

        assertThat(none.refusal("shop", SHOP_CHANNEL))
                .hasValue("slack:shop-releases is not allowed for namespace 'shop'"
                        + " (rollwatch.notifier.targets.\"*\".slack-channels)");
        assertThat(none.refusal("shop", SHOP_COMPONENT))
                .hasValue("statuspage:page-shop/checkout is not allowed for namespace 'shop'"
                        + " (rollwatch.notifier.targets.\"*\".statuspage-pages)");
    }

    @Test
    void webhooksAreNotJudgedAndTheirUrlNeverAppearsInAReason() {
        assertThat(new TargetAllowList(Map.of()).refusal("shop", HOOK)).isEmpty();
    }

    @Test
    void aNamespaceUsesOnlyTheChannelsAndPagesOfItsOwnEntry() {
        TargetAllowList list = new TargetAllowList(Map.of(
                "shop", allowed(List.of("#shop-releases"), List.of("page-shop")),
                "*", allowed(List.of("*"), List.of("*"))));

        assertThat(list.refusal("shop", SHOP_CHANNEL)).isEmpty();
        assertThat(list.refusal("shop", SHOP_COMPONENT)).isEmpty();
        // Its own entry replaces the "*" entry, which would allow anything.
        assertThat(list.refusal("shop", PAYMENTS_CHANNEL))
                .hasValue("slack:payments-releases is not allowed for namespace 'shop'"
                        + " (rollwatch.notifier.targets.\"shop\".slack-channels)");
        assertThat(list.refusal("shop", PAYMENTS_COMPONENT)).isPresent();
        // A namespace without an entry of its own gets the "*" entry.
        assertThat(list.refusal("payments", PAYMENTS_CHANNEL)).isEmpty();
        assertThat(list.refusal("payments", PAYMENTS_COMPONENT)).isEmpty();
    }

    @Test
    void aChannelIsTheSameWithOrWithoutItsHashButAnIdMustBeListedItself() {
        TargetAllowList list =
                new TargetAllowList(Map.of("shop", allowed(List.of("shop-releases", "#shop-alerts"), List.of())));

        assertThat(list.refusal("shop", Target.slack("#shop-releases"))).isEmpty();
        assertThat(list.refusal("shop", Target.slack("shop-alerts"))).isEmpty();
        assertThat(list.refusal("shop", Target.slack("C0123456"))).isPresent();
        assertThat(list.refusal("shop", Target.slack("#Shop-Releases"))).isPresent();
    }

    @Test
    void aPageAllowsEachOfItsComponentsAndAComponentOnlyItself() {
        TargetAllowList list =
                new TargetAllowList(Map.of("shop", allowed(List.of(), List.of("page-shop", "page-common/shop-api"))));

        assertThat(list.refusal("shop", Target.statuspage("page-shop", "anything")))
                .isEmpty();
        assertThat(list.refusal("shop", Target.statuspage("page-common", "shop-api")))
                .isEmpty();
        assertThat(list.refusal("shop", Target.statuspage("page-common", "payments-api")))
                .isPresent();
        // Allowing a page's components does not allow the Slack channels of the namespace.
        assertThat(list.refusal("shop", SHOP_CHANNEL)).isPresent();
    }

    @Test
    void anEmptyListAllowsNothingRatherThanEverything() {
        TargetAllowList list = new TargetAllowList(Map.of("shop", allowed(List.of("", " "), null)));

        assertThat(list.refusal("shop", SHOP_CHANNEL)).isPresent();
        assertThat(list.refusal("shop", SHOP_COMPONENT)).isPresent();
    }
}

package dev.rollwatch.rollback.domain;

import static dev.rollwatch.rollback.domain.DomainFixtures.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreTargetTest {

    private static RestoreTarget of(ReleaseRequested request) {
        return RestoreTarget.of(
                        new ReleaseFacts(RELEASE, request, StepCompleted.Phase.PROGRESSING, EventFixtures.STABLE))
                .orElseThrow();
    }

    @Test
    void namesTheObjectsAfterTheApplicationByDefault() {
        RestoreTarget target =
                of(ReleaseRequestBuilder.canary().releaseId(RELEASE).build());

        assertThat(target.namespace()).isEqualTo("shop");
        assertThat(target.deployment()).isEqualTo("checkout");
        assertThat(target.service()).isEqualTo("checkout");
        assertThat(target.container()).isNull();
        assertThat(target.strategy()).isEqualTo(Strategy.Type.CANARY);
        assertThat(target.route().type()).isEqualTo(TrafficRouter.Type.REPLICA_RATIO);
        assertThat(target.route().namespace()).isEqualTo("shop");
        assertThat(target.route().resource()).isEqualTo("checkout");
        assertThat(target.route().stableService()).isEqualTo("checkout");
        assertThat(target.route().canaryService()).isEqualTo("checkout-canary");
        assertThat(target.expectedImage()).isEqualTo(EventFixtures.STABLE.image());
        assertThat(target.releaseImage()).isEqualTo("registry.example.com/shop/checkout:1.4.2");
    }

    @Test
    void usesTheNamesTheRequestGives() {
        RestoreTarget target = of(ReleaseRequestBuilder.canary()
                .releaseId(RELEASE)
                .target(new ReleaseRequested.Target("checkout-api", "checkout-svc", "app"))
                .trafficRouter(new TrafficRouter(
                        TrafficRouter.Type.ISTIO,
                        "checkout-vs",
                        "checkout-stable",
                        "checkout-next",
                        Map.of("route", "primary")))
                .build());

        assertThat(target.deployment()).isEqualTo("checkout-api");
        assertThat(target.service()).isEqualTo("checkout-svc");
        assertThat(target.container()).isEqualTo("app");
        assertThat(target.route().resource()).isEqualTo("checkout-vs");
        assertThat(target.route().stableService()).isEqualTo("checkout-stable");
        assertThat(target.route().canaryService()).isEqualTo("checkout-next");
        assertThat(target.route().option("route")).isEqualTo("primary");
    }

    @Test
    void blueGreenAndRollingHaveNoRouter() {
        assertThat(of(ReleaseRequestBuilder.blueGreen().releaseId(RELEASE).build())
                        .route())
                .isNull();
        assertThat(of(ReleaseRequestBuilder.rolling().releaseId(RELEASE).build())
                        .route())
                .isNull();
    }

    @Test
    void anUnknownRequestHasNoTarget() {
        assertThat(RestoreTarget.of(ReleaseFacts.unknown(RELEASE))).isEmpty();
    }
}

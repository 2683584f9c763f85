package dev.rollwatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private static final Map<String, String> ROLLWATCH = Map.of(Marks.MANAGED_BY, Marks.MANAGER);

    @Test
    void anObjectRollwatchCreatedForThisDeploymentIsAdopted() {
        assertThat(Ownership.refusal(
                        "Service shop/checkout-canary",
                        ROLLWATCH,
                        Map.of(Marks.STABLE_DEPLOYMENT, "checkout", Marks.RELEASE, "rel-older"),
                        "checkout",
                        "rel-new"))
                .isEmpty();
    }

    @Test
    void anObjectWithoutRollwatchsLabelIsRefusedAndNamed() {
        assertThat(Ownership.refusal("Service shop/payments", Map.of("app", "payments"), null, "checkout", "rel-1"))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Service shop/payments already exists and Rollwatch did not create it")
                        .contains("label is missing")
                        .endsWith("label it app.kubernetes.io/managed-by=rollwatch and annotate it "
                                + "rollwatch.dev/stable-deployment=checkout"));
        assertThat(Ownership.refusal(
                        "Deployment shop/checkout-canary",
                        Map.of(Marks.MANAGED_BY, "Helm"),
                        Map.of(Marks.STABLE_DEPLOYMENT, "checkout"),
                        "checkout",
                        "rel-1"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("label is 'Helm'"));
    }

    @Test
    void anObjectOfAnotherDeploymentsReleasesIsRefused() {
        assertThat(Ownership.refusal(
                        "Service shop/payments-canary",
                        ROLLWATCH,
                        Map.of(Marks.STABLE_DEPLOYMENT, "payments"),
                        "checkout",
                        "rel-1"))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .isEqualTo("Service shop/payments-canary belongs to the releases of Deployment payments "
                                + "(rollwatch.dev/stable-deployment), not of checkout"));
    }

    @Test
    void anUnattributedRollwatchObjectIsAdoptedOnlyByTheReleaseThatCreatedIt() {
        Map<String, String> legacy = Map.of(Marks.RELEASE, "rel-1");
        assertThat(Ownership.refusal("Service shop/x", ROLLWATCH, legacy, "checkout", "rel-1"))
                .isEmpty();
        assertThat(Ownership.refusal("Service shop/x", ROLLWATCH, legacy, "checkout", "rel-2"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("rollwatch.dev/stable-deployment=checkout"));
    }
}

package dev.rollwatch.rollback.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

class ClusterReadsTest {

    @Test
    void anApiErrorIsItsStatusAndTheFirstLineOfItsMessageEvenWhenWrapped() {
        KubernetesClientException api = new KubernetesClientException(new StatusBuilder()
                .withCode(503)
                .withMessage("service unavailable\n\tat io.fabric8.Something.call(Something.java:42)")
                .build());

        String described = ClusterReads.describe(new CompletionException(api));

        assertThat(described).isEqualTo("HTTP 503 service unavailable");
    }

    @Test
    void aReadThatTimedOutSaysSo() {
        assertThat(ClusterReads.describe(new TimeoutException("Timeout[ClusterReads#verify] timed out")))
                .isEqualTo("no answer within the read timeout");
    }

    @Test
    void anythingElseIsItsKindAndOneShortLineNeverAStackOrADump() {
        String dump = "connection reset\n" + "x".repeat(1000);

        String described =
                ClusterReads.describe(new IllegalStateException("pool closed: " + "y".repeat(400) + "\n" + dump));

        assertThat(described)
                .startsWith("IllegalStateException: pool closed: ")
                .doesNotContain("\n")
                .doesNotContain("connection reset");
        assertThat(described.length()).isLessThan(340);
    }
}

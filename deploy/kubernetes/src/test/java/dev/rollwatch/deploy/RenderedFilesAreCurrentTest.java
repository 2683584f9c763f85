package dev.rollwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed renderings are what kustomize makes of the overlays today. */
class RenderedFilesAreCurrentTest {

    @ParameterizedTest
    @ValueSource(strings = {"production", "staging"})
    void theCommittedRenderingMatchesKustomize(String overlay) throws Exception {
        Assumptions.assumeTrue(
                RenderedManifests.kubectlAvailable(),
                "kubectl is not installed here: the committed renderings are validated by ManifestsTest alone");

        assertThat(RenderedManifests.parse(RenderedManifests.kustomize(overlay)))
                .as("rendered/%s.yaml is stale: run deploy/kubernetes/render.sh", overlay)
                .isEqualTo(RenderedManifests.render(overlay).objects());
    }
}

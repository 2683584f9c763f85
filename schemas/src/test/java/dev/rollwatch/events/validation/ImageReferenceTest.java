package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void theSameDigestIsTheSameArtifactUnderAnyTag() {
        String digest = "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef";
        assertThat(ImageReference.artifactIdentity("ghcr.io/acme/checkout:1.4.2@" + digest))
                .isEqualTo(ImageReference.artifactIdentity("ghcr.io/acme/checkout:rc@" + digest.toLowerCase()))
                .isEqualTo(digest.toLowerCase());
    }

    @Test
    void withoutADigestTheRepositoryAndTagIdentifyTheArtifact() {
        assertThat(ImageReference.artifactIdentity("ghcr.io/acme/checkout:1.4.2"))
                .isEqualTo("ghcr.io/acme/checkout:1.4.2");
        assertThat(ImageReference.artifactIdentity("ghcr.io/acme/checkout")).isEqualTo("ghcr.io/acme/checkout:latest");
    }

    @Test
    void theVersionLabelDefaultsToTheTagOrTheShortDigest() {
        assertThat(ImageReference.parse("checkout:1.4.2").orElseThrow().defaultVersion())
                .isEqualTo("1.4.2");
        assertThat(ImageReference.parse(
                                "checkout@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                        .orElseThrow()
                        .defaultVersion())
                .isEqualTo("0123456789ab");
    }
}

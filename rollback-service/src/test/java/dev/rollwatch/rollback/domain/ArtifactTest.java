package dev.rollwatch.rollback.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArtifactTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void aDigestIdentifiesTheArtifactUnderAnyTagOrRepository() {
        assertThat(Artifact.of("registry.example.com/shop/checkout:1.4.2@" + DIGEST)
                        .key())
                .isEqualTo(Artifact.of("registry.example.com/shop/checkout@" + DIGEST)
                        .key())
                .isEqualTo(DIGEST);
    }

    @Test
    void withoutADigestTheRepositoryAndTagIdentifyIt() {
        assertThat(Artifact.of("registry.example.com/shop/checkout:1.4.2").key())
                .isEqualTo("registry.example.com/shop/checkout:1.4.2")
                .isNotEqualTo(
                        Artifact.of("registry.example.com/shop/checkout:1.4.3").key());
    }

    @Test
    void anUntaggedReferenceMeansLatest() {
        assertThat(Artifact.of("checkout").key()).isEqualTo("checkout:latest");
    }

    @Test
    void keepsTheReferenceAsGiven() {
        assertThat(Artifact.of("registry.example.com/shop/checkout:1.4.2").image())
                .isEqualTo("registry.example.com/shop/checkout:1.4.2");
    }
}

package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.validation.ImageReference;
import java.util.Objects;

/**
 * The identity of an image for quarantine: its digest when the reference pins one (the same bits
 * under any tag), otherwise the repository and tag.
 *
 * @param key   what quarantine entries are looked up by
 * @param image the reference as the release named it
 */
public record Artifact(String key, String image) {

    public Artifact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(image, "image");
    }

    public static Artifact of(String image) {
        Objects.requireNonNull(image, "image");
        return new Artifact(ImageReference.artifactIdentity(image), image);
    }
}

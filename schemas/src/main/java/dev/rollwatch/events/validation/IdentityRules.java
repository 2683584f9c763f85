package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.dnsLabel;
import static dev.rollwatch.events.validation.FieldFormats.dnsSubdomain;

import dev.rollwatch.events.ReleaseRequested;
import java.util.regex.Pattern;

/**
 * What is released and where: the release id, the application and namespace, the image and its
 * version, and the Kubernetes objects it changes. These values end up in object names, labels and
 * paths, so they are held to the formats Kubernetes and the registries accept.
 */
final class IdentityRules {

    private static final Pattern RELEASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");

    /**
     * The longest image reference: the event schema's {@code maxLength}. The reference grammar leaves
     * a digest's length open; without this cap a request the API accepted would break the schema when
     * published.
     */
    static final int MAX_IMAGE_LENGTH = 512;

    private IdentityRules() {}

    static void check(Errors errors, ReleaseRequested request) {
        if (request.releaseId() != null
                && !RELEASE_ID.matcher(request.releaseId()).matches()) {
            errors.add("releaseId", "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        dnsLabel(errors, "application", request.application(), true);
        dnsLabel(errors, "namespace", request.namespace(), true);
        image(errors, request.image());
        if (request.version() != null
                && (request.version().length() > 63
                        || !LABEL_VALUE.matcher(request.version()).matches())) {
            errors.add("version", "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.'");
        }
        if (request.target() != null) {
            dnsSubdomain(errors, "target.deployment", request.target().deployment(), false);
            dnsLabel(errors, "target.service", request.target().service(), false);
            dnsLabel(errors, "target.container", request.target().container(), false);
        }
    }

    private static void image(Errors errors, String image) {
        if (image == null || image.isBlank()) {
            errors.add("image", "is required");
            return;
        }
        if (!FieldFormats.maxLength(errors, "image", image, MAX_IMAGE_LENGTH)) {
            return;
        }
        ImageReference.parse(image)
                .ifPresentOrElse(
                        ref -> {
                            if (!ref.isPinned()) {
                                errors.add(
                                        "image",
                                        "must name a tag or a digest (e.g. registry.example.com/shop/checkout:1.4.2)");
                            }
                        },
                        () -> errors.add(
                                "image",
                                "is not a valid image reference: expected [registry/]repository[:tag][@digest]"));
    }
}

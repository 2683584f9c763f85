package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the new version replaces the stable one. Exactly the block that matches {@link #type()} is read.
 *
 * @param type         canary, blueGreen or rolling
 * @param canary       ordered canary steps
 * @param blueGreen    blue-green options
 * @param rolling      rolling-update options
 * @param stepDeadline how long any single step may take before it fails (e.g. {@code 10m})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Strategy(Type type, Canary canary, BlueGreen blueGreen, Rolling rolling, String stepDeadline) {

    public enum Type {
        @JsonProperty("canary")
        CANARY,
        @JsonProperty("blueGreen")
        BLUE_GREEN,
        @JsonProperty("rolling")
        ROLLING
    }

    /** Canary: steps run in order; the last step is followed by promotion. */
    public record Canary(List<CanaryStep> steps) {
        public Canary {
            steps = Copies.list(steps);
        }
    }

    /**
     * One canary step: exactly one of {@code setWeight} (percent of traffic to the new version) or
     * {@code pause} is set, as in Argo Rollouts.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CanaryStep(Integer setWeight, Pause pause) {

        public static CanaryStep weight(int percent) {
            return new CanaryStep(percent, null);
        }

        public static CanaryStep pauseFor(String duration) {
            return new CanaryStep(null, new Pause(duration));
        }

        public static CanaryStep pauseUntilResumed() {
            return new CanaryStep(null, new Pause(null));
        }
    }

    /** A pause; without a duration it lasts until an operator resumes or promotes the release. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pause(String duration) {}

    /**
     * Blue-green: the new version runs as a preview next to the active one until traffic switches.
     *
     * @param previewService   Service that reaches the preview before the switch (for smoke tests)
     * @param autoPromote      switch as soon as the preview is ready (otherwise wait for promote)
     * @param scaleDownDelay   keep the old version running this long after the switch, for instant rollback
     * @param previewReplicas  replicas of the preview; defaults to those of the active version
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlueGreen(
            String previewService, Boolean autoPromote, String scaleDownDelay, Integer previewReplicas) {}

    /**
     * Rolling update of the Deployment in place.
     *
     * @param maxSurge       pods above the desired count during the update (count or percent)
     * @param maxUnavailable pods below the desired count during the update (count or percent)
     * @param bakeTime       how long the new version keeps being watched once rolled out before the
     *                       release succeeds (a breach in that time undoes it); the executor's
     *                       default when unset, {@code 0s} for none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rolling(String maxSurge, String maxUnavailable, String bakeTime) {

        public Rolling(String maxSurge, String maxUnavailable) {
            this(maxSurge, maxUnavailable, null);
        }
    }
}

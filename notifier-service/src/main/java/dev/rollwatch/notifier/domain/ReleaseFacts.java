package dev.rollwatch.notifier.domain;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.WatchCoverage;
import dev.rollwatch.events.validation.ImageReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What people need to recognise a release in every message, taken from its {@code release.requested}.
 *
 * @param releaseId   the release
 * @param application the application
 * @param namespace   its namespace
 * @param image       the new image
 * @param version     the new version's label (the image tag when the request named none)
 * @param strategy    canary, blue-green or rolling
 * @param actor       who asked for it
 * @param pipeline    the CI pipeline that asked
 * @param commit      the commit released
 * @param changeUrl   link to the change (pull request, commit)
 * @param unwatchedReason why no metric source judges the release (nothing rolls it back automatically);
 *                    null when one does
 */
public record ReleaseFacts(
        String releaseId,
        String application,
        String namespace,
        String image,
        String version,
        String strategy,
        String actor,
        String pipeline,
        String commit,
        String changeUrl,
        String unwatchedReason) {

    /**
     * @param installationDefault the installation's default metric source, which judges releases naming none
     */
    public static ReleaseFacts of(ReleaseRequested request, Slo.MetricSource.Type installationDefault) {
        String version = request.version() != null
                ? request.version()
                : ImageReference.parse(request.image())
                        .map(ImageReference::defaultVersion)
                        .orElse(request.image());
        ReleaseRequested.Requester by = request.requestedBy();
        return new ReleaseFacts(
                request.releaseId(),
                request.application(),
                request.namespace(),
                request.image(),
                version,
                strategyLabel(request.strategy()),
                by == null ? null : by.actor(),
                by == null ? null : by.pipeline(),
                by == null ? null : by.commit(),
                by == null ? null : by.changeUrl(),
                WatchCoverage.of(request.slo(), installationDefault).reason());
    }

    /** The variables every message template can use. */
    public Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("releaseId", releaseId);
        vars.put("application", application);
        vars.put("namespace", namespace);
        vars.put("image", image);
        vars.put("version", version);
        vars.put("strategy", strategy);
        vars.put("actor", actor == null ? "someone" : actor);
        vars.put("pipeline", pipeline);
        vars.put("commit", commit == null ? null : commit.substring(0, Math.min(commit.length(), 12)));
        vars.put("changeUrl", changeUrl);
        vars.put("unwatchedReason", unwatchedReason);
        return vars;
    }

    private static String strategyLabel(Strategy strategy) {
        if (strategy == null || strategy.type() == null) {
            return "unknown";
        }
        return switch (strategy.type()) {
            case CANARY -> "canary";
            case BLUE_GREEN -> "blue-green";
            case ROLLING -> "rolling";
        };
    }
}

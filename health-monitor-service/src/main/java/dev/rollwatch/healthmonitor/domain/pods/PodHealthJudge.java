package dev.rollwatch.healthmonitor.domain.pods;

import dev.rollwatch.events.validation.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts the new version's pod failures: container restarts, a container that cannot run
 * (CrashLoopBackOff, image pull failures, bad configuration) or was OOMKilled, and a pod that was
 * ready and no longer is. Each counts once, when first seen. The configured number within the window
 * is a breach: a version whose pods crash is failing its users even when its metrics say nothing,
 * because a crashed process exports no errors.
 */
public final class PodHealthJudge {

    private PodHealthJudge() {}

    /**
     * What one observation changed.
     *
     * @param history the history to keep
     * @param breach  why the new version is condemned, when the failures within the window reached
     *                the limit
     * @param count   failures within the window
     */
    public record Result(PodHistory history, Optional<String> breach, int count) {}

    public static Result assess(PodHistory history, PodObservation observation, Instant now, PodPolicy policy) {
        PodHistory before = history == null ? PodHistory.EMPTY : history;
        if (!observation.known()) {
            // Nothing new is known; old failures still age out of the window.
            return result(new PodHistory(before.seen(), recent(before.failures(), now, policy)), now, policy);
        }
        List<PodHistory.Failure> failures = new ArrayList<>(recent(before.failures(), now, policy));
        Map<String, PodSnapshot> seen = new HashMap<>();
        for (PodSnapshot pod : observation.pods()) {
            failures.addAll(newFailures(before.seen().get(pod.name()), pod, now));
            seen.put(pod.name(), pod);
        }
        return result(new PodHistory(seen, failures), now, policy);
    }

    private static List<PodHistory.Failure> newFailures(PodSnapshot last, PodSnapshot pod, Instant now) {
        List<PodHistory.Failure> found = new ArrayList<>();
        // A new-version pod seen for the first time: every restart it has is the new version's.
        int restarts = pod.restarts() - (last == null ? 0 : last.restarts());
        String cause = pod.problem() == null ? "" : " (" + pod.problem() + ")";
        for (int i = 0; i < restarts; i++) {
            found.add(new PodHistory.Failure(now, pod.name(), "restarted" + cause));
        }
        boolean newProblem = pod.problem() != null && (last == null || !Objects.equals(last.problem(), pod.problem()));
        if (newProblem && restarts <= 0) {
            // Not yet restarted (an image that cannot be pulled never runs at all).
            found.add(new PodHistory.Failure(now, pod.name(), pod.problem()));
        }
        if (last != null && last.ready() && !pod.ready()) {
            found.add(new PodHistory.Failure(now, pod.name(), "no longer ready"));
        }
        return found;
    }

    private static List<PodHistory.Failure> recent(List<PodHistory.Failure> failures, Instant now, PodPolicy policy) {
        Instant since = now.minus(policy.window());
        return failures.stream().filter(f -> f.at().isAfter(since)).toList();
    }

    private static Result result(PodHistory history, Instant now, PodPolicy policy) {
        int count = history.failures().size();
        if (count < policy.maxFailures()) {
            return new Result(history, Optional.empty(), count);
        }
        Map<String, Map<String, Integer>> byPod = new LinkedHashMap<>();
        history.failures()
                .forEach(f -> byPod.computeIfAbsent(f.pod(), p -> new LinkedHashMap<>())
                        .merge(f.what(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byPod.forEach((pod, what) -> parts.add(pod + " "
                + String.join(
                        ", ",
                        what.entrySet().stream()
                                .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                                .toList())));
        return new Result(
                history,
                Optional.of(String.format(
                        Locale.ROOT,
                        "%d pod failure%s in %s (limit %d): %s",
                        count,
                        count == 1 ? "" : "s",
                        Durations.format(policy.window()),
                        policy.maxFailures(),
                        String.join("; ", parts))),
                count);
    }
}

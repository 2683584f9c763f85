package dev.rollwatch.healthmonitor.domain.pods;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the judge remembers of the new version's pods between evaluations, so each failure is counted
 * once: the last state seen of every pod, and the failures within the window.
 *
 * @param seen     last state of each pod, by name
 * @param failures failures still within the window, oldest first
 */
public record PodHistory(Map<String, PodSnapshot> seen, List<Failure> failures) {

    public static final PodHistory EMPTY = new PodHistory(Map.of(), List.of());

    public PodHistory {
        seen = Map.copyOf(seen);
        failures = List.copyOf(failures);
    }

    /**
     * One failure of one pod.
     *
     * @param at   when it was seen
     * @param pod  the pod
     * @param what for people: "restarted (OOMKilled)", "CrashLoopBackOff", "no longer ready"
     */
    public record Failure(Instant at, String pod, String what) {}
}

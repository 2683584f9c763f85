package dev.rollwatch.healthmonitor.domain.pods;

import java.util.List;

/**
 * What the Kubernetes API said of the new version's pods at one evaluation. Failing to ask is data,
 * not an exception: the pods' health is then unknown and decides nothing.
 *
 * @param selector which pods were asked for, for people
 * @param pods     the pods found, or null when they could not be listed
 * @param error    why they could not be listed, or null
 */
public record PodObservation(String selector, List<PodSnapshot> pods, String error) {

    /** Pod health is not looked at (no Kubernetes access configured). */
    public static final PodObservation NOT_LOOKED = new PodObservation(null, null, null);

    public PodObservation {
        pods = pods == null ? null : List.copyOf(pods);
    }

    public static PodObservation failed(String selector, String error) {
        return new PodObservation(selector, null, error);
    }

    public boolean known() {
        return pods != null;
    }
}

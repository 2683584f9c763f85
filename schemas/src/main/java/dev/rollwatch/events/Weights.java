package dev.rollwatch.events;

/** Percent of traffic going to the new (canary/preview) and the stable version; they add up to 100. */
public record Weights(int canary, int stable) {

    public static Weights canary(int percent) {
        return new Weights(percent, 100 - percent);
    }

    public static final Weights ALL_STABLE = new Weights(0, 100);
}

package dev.rollwatch.executor.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Releases whose work failed unexpectedly (a bug, the database going away) and the poller's own
 * look-ups that failed. A failing release is left alone for a delay that doubles with each failure in
 * a row (up to a minute), so it neither stalls the others nor spins; this instance keeps that delay
 * even when it cannot write it to the database. A failure's stack is logged the first time it
 * happens; the same failure again is one line, so a stuck release cannot flood the log.
 */
final class FailingReleases {

    private static final Logger LOG = Logger.getLogger(FailingReleases.class);
    /** However often it failed, a release is tried again at least this often. */
    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private record Failing(int times, String failure, Instant until) {}

    private final Duration firstDelay;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private volatile String lookupFailure;

    FailingReleases(Duration firstDelay) {
        this.firstDelay = firstDelay;
    }

    /** Records a failure of the release's work; returns how long to leave it alone. */
    Duration failed(String releaseId, Throwable failure, Instant now) {
        String summary = failure.toString();
        Failing before = failing.get(releaseId);
        int times = before == null ? 1 : before.times() + 1;
        Duration delay = delay(times);
        failing.put(releaseId, new Failing(times, summary, now.plus(delay)));
        if (before == null || !summary.equals(before.failure())) {
            LOG.errorf(failure, "Advancing release %s failed; trying again in %s", releaseId, delay);
        } else {
            LOG.warnf(
                    "Advancing release %s failed again (%d times in a row); trying again in %s: %s",
                    releaseId, times, delay, summary);
        }
        return delay;
    }

    /** Even putting the failed release back in the database failed: this instance alone leaves it alone. */
    void postponeFailed(String releaseId, Throwable failure) {
        Failing current = failing.get(releaseId);
        LOG.warnf(
                "Release %s could not be put back either (%s); this instance leaves it alone until %s",
                releaseId, failure.toString(), current == null ? "the next poll" : current.until());
    }

    /** The release's work went through: it is no longer left alone. */
    void succeeded(String releaseId) {
        Failing before = failing.remove(releaseId);
        if (before != null) {
            LOG.infof("Release %s advances again after %d failed attempts", releaseId, before.times());
        }
    }

    /**
     * Releases to leave alone at {@code now}. A release that has not failed again for a while (another
     * instance advanced it, or it is not due any more) is forgotten.
     */
    Set<String> leftAlone(Instant now) {
        failing.values().removeIf(f -> f.until().plus(MAX_DELAY).isBefore(now));
        return failing.entrySet().stream()
                .filter(e -> now.isBefore(e.getValue().until()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Looking for due releases failed; the next poll looks again. */
    void lookupFailed(Throwable failure) {
        String summary = failure.toString();
        if (!summary.equals(lookupFailure)) {
            lookupFailure = summary;
            LOG.warnf(failure, "Looking for due releases failed; looking again on every poll until it works");
        } else {
            LOG.debugf("Looking for due releases failed again: %s", summary);
        }
    }

    void lookupWorked() {
        if (lookupFailure != null) {
            lookupFailure = null;
            LOG.info("Looking for due releases works again");
        }
    }

    Duration delay(int times) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(times - 1, 16));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}

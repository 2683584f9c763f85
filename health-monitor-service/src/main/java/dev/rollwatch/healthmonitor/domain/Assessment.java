package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a window changes: the watch's new progress, and what to announce.
 *
 * @param progress the progress to store
 * @param breach   a breach to report as health.degraded, when this window completed one
 * @param warning  a warning to publish, when the release has gone unjudged for too long
 */
public record Assessment(WatchProgress progress, Optional<Breach> breach, Optional<Warning> warning) {

    /**
     * A breach: the configured number of DEGRADED windows in a row.
     *
     * @param consecutiveWindows DEGRADED windows in the run
     * @param startedAt          end of the first of them
     * @param evidence           the checks that failed in the window that completed the breach
     * @param summary            one line for people
     */
    public record Breach(int consecutiveWindows, Instant startedAt, List<Evidence> evidence, String summary) {
        public Breach {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * A release nobody can judge.
     *
     * @param verdict UNKNOWN or INSUFFICIENT_DATA
     * @param since   end of the first window of the run
     * @param message for people
     * @param hold     whether to ask the executor to pause the release
     * @param rollBack whether to abort it instead: the release asked to be rolled back when it cannot
     *                 be judged
     */
    public record Warning(Verdict verdict, Instant since, String message, boolean hold, boolean rollBack) {}
}

package dev.rollwatch.benchmarks.throughput;

import java.time.Instant;

/**
 * One release request as the client saw it.
 *
 * @param application the application released
 * @param sentAt      just before the request was sent
 * @param answeredAt  when the answer arrived
 * @param status      HTTP status (202 when accepted; 0 if no answer)
 * @param releaseId   the id the API gave it (accepted only)
 * @param problem     the answer's body when refused, or the I/O error
 */
record Submission(
        String application, Instant sentAt, Instant answeredAt, int status, String releaseId, String problem) {

    boolean accepted() {
        return status == 202 && releaseId != null;
    }
}

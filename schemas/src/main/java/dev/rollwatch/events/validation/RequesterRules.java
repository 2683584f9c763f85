package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.httpUrl;

import dev.rollwatch.events.ReleaseRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** Who asked for the release and for which change: the audit trail, and where lead time starts. */
final class RequesterRules {

    private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,64}$");
    /** Commit timestamps from CI clocks a little ahead of ours are fine; from the future, not. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private RequesterRules() {}

    static void check(Errors errors, ReleaseRequested.Requester requester, Instant now) {
        if (requester == null) {
            return;
        }
        if (requester.actor() != null && requester.actor().length() > 128) {
            errors.add("requestedBy.actor", "must be at most 128 characters");
        }
        if (requester.pipeline() != null && requester.pipeline().length() > 256) {
            errors.add("requestedBy.pipeline", "must be at most 256 characters");
        }
        if (requester.commit() != null && !COMMIT.matcher(requester.commit()).matches()) {
            errors.add("requestedBy.commit", "must be a commit hash of 7 to 64 hex digits");
        }
        if (requester.commitTime() != null && requester.commitTime().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add("requestedBy.commitTime", "must not be in the future");
        }
        if (requester.changeUrl() != null) {
            httpUrl(errors, "requestedBy.changeUrl", requester.changeUrl(), true);
        }
    }
}

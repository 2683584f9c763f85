package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackNotice.Kind;
import dev.rollwatch.events.RollbackNotice.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The notices and commands the rollback-service publishes, worded for the people who read them. */
public final class Notices {

    /** Who the rollback-service says it is in commands and decisions. */
    public static final String ACTOR = "rollback-service";
    /** The contract's limit on a message. */
    static final int MAX_MESSAGE = 1024;

    private Notices() {}

    public static RollbackNotice recommended(
            String releaseId, String summary, Instant deadline, List<Evidence> evidence, Instant now) {
        return notice(
                releaseId,
                Kind.ROLLBACK_RECOMMENDED,
                Severity.WARNING,
                now,
                "SLOs broken: " + summary + ". Rollback recommended: abort the release, or it rolls back by itself at "
                        + deadline + " (policy manual)",
                null,
                deadline,
                evidence);
    }

    public static RollbackNotice frozen(
            String releaseId, String summary, Integer canaryWeight, List<Evidence> evidence, Instant now) {
        String weight = canaryWeight == null ? "its current weight" : canaryWeight + "% on the new version";
        return notice(
                releaseId,
                Kind.RELEASE_FROZEN,
                Severity.CRITICAL,
                now,
                "SLOs broken: " + summary + ". Policy freeze: holding at " + weight
                        + " and not rolling back; people must fix forward or abort",
                null,
                null,
                evidence);
    }

    public static RollbackNotice verified(String releaseId, String detail, boolean afterAlert, Instant now) {
        return notice(
                releaseId,
                Kind.RESTORE_VERIFIED,
                Severity.INFO,
                now,
                afterAlert ? detail + " (verified after the unverified-restore alert)" : detail,
                null,
                null,
                null);
    }

    public static RollbackNotice unverified(String releaseId, Duration deadline, String finding, Instant now) {
        return notice(
                releaseId,
                Kind.RESTORE_UNVERIFIED,
                Severity.CRITICAL,
                now,
                "Rollback not verified after 2 attempts (" + human(deadline) + " each): " + finding
                        + ". The stable version may not be serving: act now",
                null,
                null,
                null);
    }

    public static RollbackNotice restoreFailing(String releaseId, String report, Instant now) {
        return notice(
                releaseId,
                Kind.RESTORE_UNVERIFIED,
                Severity.CRITICAL,
                now,
                "the executor could not restore the previous version (" + report + ") and keeps trying. The"
                        + " previous version may not be serving: act now, and resolve the release once the cluster"
                        + " is put right by hand",
                null,
                null,
                null);
    }

    public static RollbackNotice quarantined(String releaseId, String image, Instant now) {
        return notice(
                releaseId,
                Kind.ARTIFACT_QUARANTINED,
                Severity.WARNING,
                now,
                image + " was rolled back for breaking its SLOs and is quarantined: new releases of it are refused"
                        + " unless requested with quarantineOverride",
                image,
                null,
                null);
    }

    public static RollbackNotice requestFlagged(String releaseId, String image, String quarantinedBy, Instant now) {
        return notice(
                releaseId,
                Kind.ARTIFACT_QUARANTINED,
                Severity.WARNING,
                now,
                image + " is quarantined since release " + quarantinedBy + " was rolled back for it: this release "
                        + "is refused unless requested with quarantineOverride",
                image,
                null,
                null);
    }

    public static ReleaseCommand pause(String releaseId, String summary, Instant now) {
        return new ReleaseCommand(
                releaseId,
                ReleaseCommand.Command.PAUSE,
                ACTOR,
                truncate("policy freeze: hold at the current weight (" + summary + ")"),
                now);
    }

    static String human(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1_000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static RollbackNotice notice(
            String releaseId,
            Kind kind,
            Severity severity,
            Instant now,
            String message,
            String image,
            Instant deadline,
            List<Evidence> evidence) {
        List<Evidence> attached = evidence == null || evidence.isEmpty() ? null : evidence;
        return new RollbackNotice(releaseId, kind, severity, now, truncate(message), image, deadline, attached);
    }
}

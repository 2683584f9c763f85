package dev.rollwatch.notifier.domain;

import java.util.Locale;

/** Every kind of reply the notifier posts; each has a message template of the same name. */
public enum NoticeKind {
    STEP_WEIGHT,
    STEP_PAUSE,
    STEP_RESUME,
    STEP_DEPLOY_PREVIEW,
    STEP_SWITCH_TRAFFIC,
    STEP_ROLLING_UPDATE,
    STEP_PROMOTE,
    STEP_SCALE_DOWN,
    STEP_ROLLBACK,
    ROLLBACK_ANSWERED,
    STEP_FAILED,
    HEALTH_DEGRADED,
    HEALTH_WARNING,
    ROLLBACK_TRIGGERED,
    ROLLBACK_RECOMMENDED,
    RELEASE_FROZEN,
    RESTORE_VERIFIED,
    RESTORE_UNVERIFIED,
    /** The executor could not restore the previous version; it keeps trying. */
    RESTORE_FAILED,
    /** An operator resolved a release whose restore failed: Rollwatch stopped trying. */
    RESTORE_RESOLVED,
    ARTIFACT_QUARANTINED,
    COMMAND;

    /** e.g. {@code reply.health-degraded}. */
    public String templateName() {
        return "reply." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package dev.rollwatch.events;

/**
 * The Kafka topics Rollwatch services talk through. Every record on every topic is keyed by the
 * release id, so everything about one release is ordered on one partition.
 */
public final class Topics {

    public static final String RELEASE_REQUESTED = "release.requested";
    public static final String STEP_COMPLETED = "step.completed";
    public static final String HEALTH_DEGRADED = "health.degraded";
    public static final String ROLLBACK_TRIGGERED = "rollback.triggered";
    /** Compacted: the latest status of each release, for dashboards. */
    public static final String RELEASE_STATUS = "release.status";
    /** Operator commands: pause, resume, promote (executor) and abort (rollback-service). */
    public static final String RELEASE_COMMANDS = "release.commands";
    /** The health monitor cannot judge a release (source down, too little traffic) for too long. */
    public static final String HEALTH_WARNING = "health.warning";
    /** The health monitor judged the new version HEALTHY at its current weight: the executor may go on. */
    public static final String HEALTH_PASSED = "health.passed";
    /** What the rollback-service wants people to know: recommendations, freezes, verified or unverified restores, quarantines. */
    public static final String ROLLBACK_NOTICE = "rollback.notice";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {}

    /** The dead-letter topic that receives the records of {@code topic} no consumer could read. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}

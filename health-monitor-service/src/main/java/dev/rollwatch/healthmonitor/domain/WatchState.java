package dev.rollwatch.healthmonitor.domain;

/** Where a release's watch stands. */
public enum WatchState {
    /** The executor reported a step before the release request reached us (topics are not ordered). */
    AWAITING_REQUEST,
    /** Requested; the new version takes no production traffic yet. */
    WAITING_FOR_TRAFFIC,
    /** The new version takes traffic: windows are evaluated every interval. */
    WATCHING,
    /** The release completed, failed, was rolled back or aborted. Final: late events change nothing. */
    ENDED
}

package dev.rollwatch.release.service;

/** The request contradicts one made before (a reused Idempotency-Key, a taken release id). */
public class RequestConflictException extends RuntimeException {

    /** Which kind of conflict, so the API can answer with the right status. */
    public enum Kind {
        /** The Idempotency-Key was used before with a different request. */
        KEY_REUSED,
        /** The release id belongs to another release. */
        ID_TAKEN,
        /** The release already ended; commands no longer apply. */
        RELEASE_FINISHED,
        /** The image was rolled back before and the request does not override the quarantine. */
        QUARANTINED,
        /** Another release of the same application is still in flight. */
        IN_FLIGHT,
        /** The command does not apply to the release's state (resolve of a release whose restore did not fail). */
        COMMAND_NOT_APPLICABLE
    }

    private final Kind kind;

    public RequestConflictException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

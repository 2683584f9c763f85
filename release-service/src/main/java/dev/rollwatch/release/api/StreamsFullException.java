package dev.rollwatch.release.api;

/** Every status-stream slot of this instance is taken: answered 503, to retry later. */
public class StreamsFullException extends RuntimeException {

    public StreamsFullException() {
        super("as many status streams as this instance serves are open; retry later");
    }
}

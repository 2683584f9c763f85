package dev.rollwatch.release.service;

/** No release has this id. */
public class UnknownReleaseException extends RuntimeException {

    public UnknownReleaseException(String releaseId) {
        super("no release '" + releaseId + "'");
    }
}

package dev.rollwatch.executor.kubernetes;

/** HTTP 409: the object changed since it was read; re-read and apply the change again. */
public class ConflictException extends TransientKubernetesException {

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.rollwatch.executor.kubernetes;

/**
 * A step cannot succeed however often it is tried (forbidden, not found, invalid object): the
 * release fails at once with this message, without a retry storm.
 */
public class StepFailure extends RuntimeException {

    public StepFailure(String message) {
        super(message);
    }

    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.rollwatch.healthmonitor.source;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Turns a failed call into the one line a person reads in a warning or a verdict. */
public final class Failures {

    private Failures() {}

    public static String describe(String what, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return what + " did not answer in time";
        }
        if (failure.getClass().getPackageName().startsWith("dev.rollwatch") && failure.getMessage() != null) {
            return what + ": " + failure.getMessage();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return what + " failed: " + message;
    }
}

package dev.rollwatch.healthmonitor.source;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed call into the one line a person reads in a warning or a verdict. It never passes on
 * text that came from the remote side (a body, a parser's quote of it, a server's error message):
 * verdicts and warnings are read by people who may not see what the endpoint serves, so a failure
 * is named by its kind only. Rollwatch's own exceptions are trusted to say nothing remote either.
 */
public final class Failures {

    private Failures() {}

    public static String describe(String what, Throwable failure) {
        if (failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return what + " did not answer in time";
        }
        if (failure.getClass().getPackageName().startsWith("dev.rollwatch") && failure.getMessage() != null) {
            return what + ": " + failure.getMessage();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return what + " failed: " + kind(root);
    }

    private static String kind(Throwable root) {
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return "could not connect";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof SSLException) {
            return "TLS handshake failed";
        }
        if (root instanceof TimeoutException || root.getClass().getSimpleName().contains("Timeout")) {
            return "timed out";
        }
        if (root instanceof com.fasterxml.jackson.core.JacksonException) {
            return "the answer could not be read";
        }
        // The class says what went wrong well enough; its message may quote the remote side.
        return root.getClass().getSimpleName();
    }
}

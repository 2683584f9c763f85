package dev.rollwatch.healthmonitor.source.scrape;

import java.time.Duration;

/** An endpoint did not answer within the scrape timeout; the message is what a verdict shows people. */
public class ScrapeTimedOutException extends RuntimeException {

    public ScrapeTimedOutException(Duration timeout) {
        super("did not answer within " + timeout.toMillis() + " ms", null, false, false);
    }
}

package dev.rollwatch.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service publishes and consumes events. */
@ConfigMapping(prefix = "rollwatch.eventing")
public interface EventingConfig {

    /** The CloudEvents {@code source} of everything this service publishes; defaults to the application name. */
    @WithDefault("${quarkus.application.name}")
    String source();

    Outbox outbox();

    Consumer consumer();

    interface Outbox {
        /** How often the relay looks for unpublished events. Bounds the added latency per hop. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Most events published per relay pass. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long an event Kafka refused (and its release's later events) waits before it is sent again,
         * so a lasting refusal is retried without flooding the broker and the logs.
         */
        @WithDefault("5s")
        Duration refusedRetry();

        /** How long published events stay in the outbox table (for inspection) before they are purged. */
        @WithDefault("P1D")
        Duration retention();
    }

    interface Consumer {
        /**
         * Retries of a record whose processing failed for a reason other than the database or the
         * network being away (those are retried until they succeed) before the event is parked (see
         * {@link #parked()}). Malformed records are never retried: they go to the dead-letter topic.
         */
        @WithDefault("5")
        int retries();

        /**
         * Records of one topic this instance applies at once, each in its release's turn (a release's records
         * stay in order; different releases go side by side). Each needs a database connection while it
         * applies; more than the pool holds (20 by default) only queue for one. 1 applies a topic's records one
         * after the other.
         */
        @WithDefault("16")
        int maxInFlight();

        /** First retry delay; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between two retries of a record. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * How long processed event ids are remembered. Must exceed the longest redelivery window
         * (topic retention), or a very late redelivery would be applied again.
         */
        @WithDefault("P14D")
        Duration inboxRetention();

        /** Valid events whose handler kept failing, parked in the service's {@code parked_events} table. */
        Parked parked();
    }

    /**
     * How parked events are replayed. A parked event is tried again after {@link #firstRetry()}, then after
     * twice as long each time up to {@link #maxRetryInterval()}, until it applies (a fixed bug, a cause that
     * went away) or an operator discards it; every start of the service tries them all at once, since a
     * deployment is how a bug gets fixed. Resolved events are kept as long as the inbox keeps ids.
     */
    interface Parked {
        /** How long a newly parked event waits for its first replay. */
        @WithDefault("30s")
        Duration firstRetry();

        /** The longest wait between two replays of a parked event. */
        @WithDefault("10m")
        Duration maxRetryInterval();

        /** How often due parked events are looked for (and how soon an operator's replay runs). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How often the {@code rollwatch_events_parked} gauge is measured. */
        @WithDefault("5s")
        Duration measureInterval();
    }
}

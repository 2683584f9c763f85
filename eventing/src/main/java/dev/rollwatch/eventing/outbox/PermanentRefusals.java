package dev.rollwatch.eventing.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Which refusals of a record no retry can change: the record itself is wrong for the broker. Anything
 * else (a broker away, a missing ACL, a leader election) may clear, so it is retried. Only the record's
 * own faults are listed: an operator can fix an authorisation or a topic, never a stored payload.
 */
final class PermanentRefusals {

    private PermanentRefusals() {}

    /** Why {@code failure} refuses the record for good, or null when a retry may succeed. */
    static String reasonFor(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
                return "the event is larger than the broker accepts";
            }
            if (cause instanceof InvalidRecordException) {
                return "the broker refuses the record as invalid";
            }
            if (cause instanceof InvalidTopicException) {
                return "the event's topic name is invalid";
            }
            if (cause instanceof SerializationException) {
                return "the event cannot be serialised";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}

package dev.rollwatch.benchmarks.system;

import dev.rollwatch.events.ReleaseEvent;
import java.time.Instant;

/**
 * One event as the benchmark saw it on Kafka.
 *
 * @param topic      where it was published
 * @param releaseId  its subject
 * @param eventTime  CloudEvents {@code ce_time}: when the producing service says it happened
 * @param kafkaTime  the record timestamp (CreateTime: when the service's outbox relay handed it to
 *                   its Kafka producer), i.e. when it became visible to consumers, give or take the
 *                   broker's append
 * @param data       the payload
 */
public record SeenEvent(String topic, String releaseId, Instant eventTime, Instant kafkaTime, ReleaseEvent data) {}

package dev.rollwatch.benchmarks.system;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.local.RecordHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every Rollwatch topic from the moment it starts and keeps each event by release, with its
 * CloudEvents time and its Kafka record time: the event times the benchmark's per-hop latencies
 * come from. Uses assigned partitions (no consumer group), so nothing it does affects the services.
 */
public final class EventTap implements AutoCloseable {

    private static final List<String> TOPICS = List.of(
            Topics.RELEASE_REQUESTED,
            Topics.STEP_COMPLETED,
            Topics.HEALTH_DEGRADED,
            Topics.HEALTH_WARNING,
            Topics.ROLLBACK_TRIGGERED,
            Topics.ROLLBACK_NOTICE,
            Topics.RELEASE_COMMANDS,
            Topics.RELEASE_STATUS);

    private final KafkaConsumer<String, String> consumer;
    private final EventCodec codec = new EventCodec();
    private final Map<String, List<SeenEvent>> byRelease = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long unreadable;

    private EventTap(String bootstrapServers, java.util.Map<String, String> security) {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(this::run, "benchmark-event-tap");
        this.thread.setDaemon(true);
    }

    /** Starts reading; {@code security} logs the consumer in (the local system's read-only observer). */
    public static EventTap start(String bootstrapServers, java.util.Map<String, String> security) {
        EventTap tap = new EventTap(bootstrapServers, security);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            tap.consumer
                    .partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        tap.consumer.assign(partitions);
        tap.consumer.seekToEnd(partitions);
        // Resolve the end offsets now: the tap must see every event published after start() returns.
        partitions.forEach(tap.consumer::position);
        tap.thread.start();
        return tap;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    keep(record);
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } finally {
            consumer.close();
        }
    }

    private void keep(ConsumerRecord<String, String> record) {
        Map<String, String> headers = RecordHeaders.of(record);
        try {
            CloudEvent<ReleaseEvent> event = codec.decode(record.topic(), record.key(), headers, record.value());
            SeenEvent seen = new SeenEvent(
                    record.topic(),
                    event.subject(),
                    event.time(),
                    Instant.ofEpochMilli(record.timestamp()),
                    event.data());
            synchronized (byRelease) {
                byRelease
                        .computeIfAbsent(seen.releaseId(), k -> new ArrayList<>())
                        .add(seen);
                byRelease.notifyAll();
            }
        } catch (MalformedEventException e) {
            synchronized (byRelease) {
                unreadable++;
            }
        }
    }

    /** Every event of the release seen so far, in the order they arrived. */
    public List<SeenEvent> events(String releaseId) {
        synchronized (byRelease) {
            return List.copyOf(byRelease.getOrDefault(releaseId, List.of()));
        }
    }

    /** The first event of the release on {@code topic} matching {@code test}, if seen yet. */
    public Optional<SeenEvent> first(String releaseId, String topic, Predicate<SeenEvent> test) {
        return events(releaseId).stream()
                .filter(e -> e.topic().equals(topic) && test.test(e))
                .findFirst();
    }

    /** Waits for such an event; fails naming it after {@code timeout}. */
    public SeenEvent await(String releaseId, String topic, Predicate<SeenEvent> test, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (byRelease) {
            while (true) {
                Optional<SeenEvent> found = first(releaseId, topic, test);
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(
                            "No " + what + " for release " + releaseId + " within " + timeout.toSeconds() + "s");
                }
                try {
                    byRelease.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /** Records the services published that this tap could not decode (should stay 0). */
    public long unreadable() {
        synchronized (byRelease) {
            return unreadable;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.rollwatch.testing;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Records everything published to some topics from the moment it is started, so a test can assert
 * on what a service published (and that it published nothing more).
 */
public final class TopicRecorder implements AutoCloseable {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    /** Records already kept, by topic, partition and offset: read again after a rebalance, they are not kept twice. */
    private final java.util.Set<String> kept = new java.util.HashSet<>();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poller;
    private final EventCodec codec = new EventCodec();

    TopicRecorder(String bootstrapServers, Map<String, String> security, List<String> topics) {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        CountDownLatch assigned = new CountDownLatch(1);
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                // Pin the start position now, so nothing published after start() is missed.
                partitions.forEach(p -> consumer.position(p));
                if (!partitions.isEmpty()) {
                    assigned.countDown();
                }
            }
        });
        poller = new Thread(this::poll, "topic-recorder");
        poller.setDaemon(true);
        poller.start();
        try {
            if (!assigned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Recorder for " + topics + " got no partitions within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (kept.add(record.topic() + "/" + record.partition() + "@" + record.offset())) {
                        records.add(record);
                    }
                }
                commitPositions();
            }
        } catch (WakeupException e) {
            // close() woke us up.
        } finally {
            consumer.close();
        }
    }

    /**
     * Commits where the recorder is, even where it read nothing: a broker restart makes the group join
     * again, and a partition without a committed offset would restart at "latest", skipping whatever was
     * published while the broker was away (what a fault suite most needs to see).
     */
    private void commitPositions() {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            try {
                positions.put(
                        partition,
                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(
                                consumer.position(partition, Duration.ofMillis(100))));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // Not known while the broker is away: committed on a later pass.
            }
        }
        if (!positions.isEmpty()) {
            // A commit lost with the broker only means some records are read again, and not kept twice.
            consumer.commitAsync(positions, (offsets, failure) -> {});
        }
    }

    /** All records seen so far on {@code topic} for {@code key}. */
    public List<ConsumerRecord<String, String>> records(String topic, String key) {
        return records.stream()
                .filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .toList();
    }

    /** The decoded events seen so far on {@code topic} for a release. */
    public List<CloudEvent<ReleaseEvent>> events(String topic, String releaseId) {
        return records(topic, releaseId).stream().map(this::decode).toList();
    }

    /** Waits until {@code count} events for the release are on the topic, then returns them all. */
    public List<CloudEvent<ReleaseEvent>> awaitEvents(String topic, String releaseId, int count) {
        Awaitility.await()
                .atMost(DEFAULT_WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> records(topic, releaseId).size() >= count);
        return events(topic, releaseId);
    }

    /** Waits until an event for the release matches, and returns it. */
    @SuppressWarnings("unchecked")
    public <T extends ReleaseEvent> CloudEvent<T> awaitEvent(
            String topic, String releaseId, Predicate<CloudEvent<ReleaseEvent>> matching) {
        return (CloudEvent<T>) Awaitility.await()
                .atMost(DEFAULT_WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> events(topic, releaseId).stream().filter(matching).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until a raw record for the key is on the topic (e.g. a dead letter), and returns it. */
    public ConsumerRecord<String, String> awaitRecord(String topic, String key) {
        Awaitility.await()
                .atMost(DEFAULT_WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !records(topic, key).isEmpty());
        return records(topic, key).get(0);
    }

    public static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private CloudEvent<ReleaseEvent> decode(ConsumerRecord<String, String> record) {
        return codec.decode(record.topic(), record.key(), headers(record), record.value());
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.rollwatch.testing;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.testing.infra.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the other services (or CI) in a test: publishes events exactly as a Rollwatch producer
 * would, publishes broken records on purpose, and records what the service under test publishes.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, String> security;
    private final Map<String, String> adminSecurity;
    private final Properties producerConfig = new Properties();
    private KafkaProducer<String, String> producer;
    private final EventCodec codec = new EventCodec();

    /** Logged in to this JVM's broker as the tests' own user, which may publish and read every topic. */
    public KafkaTestClient() {
        this(KafkaBroker.TEST_CLIENT);
    }

    /**
     * Logged in to this JVM's broker as {@code principal}: {@link KafkaBroker#STRANGER} to forge events
     * as someone Rollwatch does not know, or a service's own user to act as that service.
     */
    public KafkaTestClient(String principal) {
        this(
                KafkaBroker.bootstrapServers(),
                KafkaBroker.clientConfig(principal),
                KafkaBroker.clientConfig(KafkaBroker.ADMIN));
    }

    /**
     * A client of another broker (the local system's): {@code security} logs it in (security.protocol,
     * sasl.mechanism, sasl.jaas.config; empty for a plaintext broker), {@code adminSecurity} is the
     * login that may create topics.
     */
    public KafkaTestClient(String bootstrapServers, Map<String, String> security, Map<String, String> adminSecurity) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
        this.adminSecurity = Map.copyOf(adminSecurity);
        producerConfig.putAll(security);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    }

    /**
     * Made on the first send only: an idempotent producer asks for a producer id as soon as it exists,
     * and a user that may write nothing (a read-only observer) is refused and asks again, in a loop,
     * for as long as the client lives.
     */
    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    /** Publishes a valid event in CloudEvents binary mode, keyed by its release id. */
    public void send(CloudEvent<?> event) {
        EncodedEvent encoded = codec.encode(event);
        sendRaw(encoded.topic(), encoded.key(), encoded.headers(), encoded.payload());
    }

    /** Publishes the events as one burst: all are sent before any is waited for, as a busy producer would. */
    public void sendAll(List<? extends CloudEvent<?>> events) {
        List<Future<?>> sent = events.stream()
                .<Future<?>>map(event -> {
                    EncodedEvent encoded = codec.encode(event);
                    return producer()
                            .send(record(encoded.topic(), encoded.key(), encoded.headers(), encoded.payload()));
                })
                .toList();
        sent.forEach(future -> await(future, "a burst of " + events.size() + " events"));
    }

    /**
     * Publishes any record, valid or not, and returns the broker's refusal instead of throwing it: what a
     * test of the ACLs asserts on (a {@code TopicAuthorizationException} for a topic this user may not
     * write), empty when the record was written.
     */
    public java.util.Optional<Throwable> trySendRaw(
            String topic, String key, Map<String, String> headers, String value) {
        try {
            producer().send(record(topic, key, headers, value)).get(30, TimeUnit.SECONDS);
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return java.util.Optional.of(e.getCause());
        } catch (TimeoutException e) {
            return java.util.Optional.of(e);
        }
    }

    /** Publishes any record, valid or not. */
    public void sendRaw(String topic, String key, Map<String, String> headers, String value) {
        await(producer().send(record(topic, key, headers, value)), "to " + topic);
    }

    private static ProducerRecord<String, String> record(
            String topic, String key, Map<String, String> headers, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void await(Future<?> sent, String what) {
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + what, e);
        }
    }

    /** Starts recording the topics; only records published from now on are seen. */
    public TopicRecorder record(String... topics) {
        createTopics(topics);
        return new TopicRecorder(bootstrapServers, security, List.of(topics));
    }

    /** Creates the topics that do not exist yet (3 partitions, like the local system). */
    public void createTopics(String... topics) {
        Map<String, Object> config = new java.util.HashMap<>(adminSecurity);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics", e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}

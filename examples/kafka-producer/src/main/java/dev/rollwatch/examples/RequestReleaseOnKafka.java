package dev.rollwatch.examples;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.codec.EncodedEvent;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.events.validation.ReleaseValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Requests a release by producing {@code release.requested} directly. Rollwatch's brokers grant that
 * topic to the release-service alone (see this example's README), so a CI user is refused: the API is
 * the way in. Kept to show the event's shape and a Kafka client's settings:
 *
 * <pre>
 * java -cp ... dev.rollwatch.examples.RequestReleaseOnKafka kafka:9092 shop checkout \
 *     registry.example.com/shop/checkout:1.4.2 checkout-1.4.2-7f3a9c1
 * </pre>
 *
 * The release id makes the request idempotent: producing it twice registers one release. The event
 * is checked against the release rules and its schema before it is sent, as Rollwatch will check it.
 */
public final class RequestReleaseOnKafka {

    private RequestReleaseOnKafka() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println(
                    "usage: RequestReleaseOnKafka <bootstrap-servers> <namespace> <application> <image> <release-id>");
            System.exit(2);
        }
        RecordMetadata written =
                send(args[0], canary(args[4], args[1], args[2], args[3], System.getenv("CI_PIPELINE_URL")));
        System.out.printf(
                "release %s requested on %s-%d@%d%n", args[4], written.topic(), written.partition(), written.offset());
    }

    /**
     * A 10% -> 25% -> 50% -> 100% canary with 5-minute pauses, watched by scraping the new version's
     * pods. It names its metric source: a request on Kafka cannot be refused with a 400, and one naming
     * none on an installation without a default source would run unwatched.
     */
    public static ReleaseRequested canary(
            String releaseId, String namespace, String application, String image, String pipeline) {
        Strategy strategy = new Strategy(
                Strategy.Type.CANARY,
                new Strategy.Canary(List.of(
                        Strategy.CanaryStep.weight(10),
                        Strategy.CanaryStep.pauseFor("5m"),
                        Strategy.CanaryStep.weight(25),
                        Strategy.CanaryStep.pauseFor("5m"),
                        Strategy.CanaryStep.weight(50),
                        Strategy.CanaryStep.pauseFor("5m"),
                        Strategy.CanaryStep.weight(100))),
                null,
                null,
                "10m");
        Slo watchedByScraping = new Slo(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null));
        return new ReleaseRequested(
                releaseId,
                application,
                namespace,
                image,
                null,
                null,
                strategy,
                null,
                watchedByScraping,
                null,
                null,
                new ReleaseRequested.Requester("ci-kafka", pipeline, null, null, null),
                null,
                Instant.now());
    }

    /** Validates, encodes as a CloudEvent (Kafka binary mode, keyed by release id) and sends with acks=all. */
    public static RecordMetadata send(String bootstrapServers, ReleaseRequested request) throws Exception {
        return send(bootstrapServers, new Properties(), request);
    }

    /**
     * As {@link #send(String, ReleaseRequested)}, logged in with {@code security} (security.protocol,
     * sasl.mechanism, sasl.jaas.config). Rollwatch's brokers grant {@code release.requested} to the
     * release-service alone, so a CI user is refused (TopicAuthorizationException): request releases
     * through the API, which authorises the key's namespaces.
     */
    public static RecordMetadata send(String bootstrapServers, Properties security, ReleaseRequested request)
            throws Exception {
        List<FieldError> errors = ReleaseValidator.validate(request, Instant.now());
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Rollwatch would refuse this release: " + errors);
        }
        EncodedEvent event = new EventCodec().encode(CloudEvent.of("ci/kafka-example", Instant.now(), request));
        Properties props = new Properties();
        props.putAll(security);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
            event.headers()
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get();
        }
    }
}

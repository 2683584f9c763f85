package dev.rollwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.local.LocalSystem;
import dev.rollwatch.local.demo.DemoScenario;
import dev.rollwatch.local.demo.LocalReceiver;
import dev.rollwatch.local.demo.ReleaseApiClient;
import dev.rollwatch.testing.TopicRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults the closed loop must survive with nothing lost and nothing duplicated: poison records on
 * every consumed topic, a failing Slack, and services killed with SIGKILL in the middle of their
 * work. The five packaged services run as processes against a real Kafka broker and PostgreSQL, the
 * simulated Kubernetes API and the demo application under real traffic, as in {@link
 * ClosedLoopSystemIT}; everything is checked through the release API, the topics, the cluster and
 * the Slack receiver. The releases of the demo application follow one another, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final Duration OUTCOME = Duration.ofMinutes(3);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String NOTIFICATIONS_DLQ = "notifications.dlq";
    /** The broker's default limit (1 MiB and a little) less room for the key and the headers. */
    private static final int LARGEST_TAKEN = 1024 * 1024 - 2048;

    private static SystemFixture fixture;
    private static LocalSystem system;
    private static DemoScenario demo;
    private static ReleaseApiClient api;
    private static TopicRecorder topics;
    private static KafkaProducer<String, byte[]> rawProducer;
    /** Every poison record sent, by its key, with the topic it was sent to. */
    private static final Map<String, String> poisonTopics = new LinkedHashMap<>();
    /** The consumers (services) of each topic that has a dead-letter topic, from their configuration. */
    private static Map<String, Integer> consumers;

    @BeforeAll
    static void startTheSystem() throws Exception {
        consumers = consumersByTopic(SystemFixture.repository());
        List<String> recorded = new ArrayList<>(List.of(
                Topics.STEP_COMPLETED,
                Topics.ROLLBACK_TRIGGERED,
                Topics.HEALTH_DEGRADED,
                Topics.RELEASE_STATUS,
                NOTIFICATIONS_DLQ));
        consumers.keySet().forEach(topic -> recorded.add(Topics.deadLetter(topic)));
        // Poison comes from a producer allowed on every topic (the broker's admin): a stranger could not
        // write these topics at all, so what is proven here is what a buggy legitimate producer can do.
        fixture = SystemFixture.start("fault-suite-logs", SystemFixture.FAULT_SETTINGS, "admin", recorded);
        system = fixture.system();
        demo = fixture.demo();
        api = fixture.api();
        topics = fixture.topics();
        Properties props = new Properties();
        props.putAll(system.kafkaClientConfig("admin"));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Let the broker, not this client, decide what is too large.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.RETRIES_CONFIG, "0");
        rawProducer = new KafkaProducer<>(props);
    }

    @AfterAll
    static void stopTheSystem() {
        if (rawProducer != null) {
            rawProducer.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /**
     * On every topic a service consumes: random bytes, JSON of the wrong shape, the largest payload
     * the broker takes (2 MB when it allows it), a valid event without its CloudEvents headers, one
     * without its id, and one of an unknown type and spec version. Each consumer dead-letters each
     * once and stays ready, and a release afterwards goes through as usual.
     */
    @Test
    @Order(1)
    void poisonRecordsOnEveryTopicAreDeadLetteredOnceByEachConsumerAndAReleaseAfterwardsSucceeds() throws Exception {
        assertThat(consumers)
                .as("every topic of the event flow has consumers with a dead-letter topic")
                .containsKeys(
                        Topics.RELEASE_REQUESTED,
                        Topics.STEP_COMPLETED,
                        Topics.HEALTH_DEGRADED,
                        Topics.HEALTH_WARNING,
                        Topics.HEALTH_PASSED,
                        Topics.ROLLBACK_TRIGGERED,
                        Topics.ROLLBACK_NOTICE,
                        Topics.RELEASE_COMMANDS);
        fixture.awaitConsumerGroupsSettled();
        Random random = new Random(12);
        for (String topic : consumers.keySet()) {
            String example = example(topic);
            String type = "dev.rollwatch." + topic + ".v1";

            byte[] noise = new byte[4096];
            random.nextBytes(noise);
            poison(topic, "random", ceHeaders(type), noise);
            poison(
                    topic,
                    "wrong-shape",
                    ceHeaders(type),
                    "{\"releaseId\": 42, \"steps\": [\"not\", \"an\", \"event\"], \"data\": {}}"
                            .getBytes(StandardCharsets.UTF_8));
            poisonAsLargeAsTheBrokerTakes(topic, ceHeaders(type));
            poison(topic, "no-headers", Map.of(), example.getBytes(StandardCharsets.UTF_8));
            Map<String, String> noId = ceHeaders(type);
            noId.remove("ce_id");
            poison(topic, "no-id", noId, example.getBytes(StandardCharsets.UTF_8));
            Map<String, String> unknown = ceHeaders("dev.rollwatch." + topic + ".v99");
            unknown.put("ce_specversion", "0.3");
            poison(topic, "unknown-headers", unknown, example.getBytes(StandardCharsets.UTF_8));
        }
        // The status feed has no dead-letter topic (it skips what it cannot read): its reader must only stay up.
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        rawProducer
                .send(new ProducerRecord<>(Topics.RELEASE_STATUS, "poison-status", noise))
                .get(30, TimeUnit.SECONDS);

        Awaitility.await("every poison record dead-lettered by each of its topic's consumers")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(FaultSuiteIT::assertEveryPoisonRecordDeadLetteredOncePerConsumer);
        fixture.assertEveryServiceReady();

        JsonNode release = demo.run("healthy canary after the poison", fixture.canary("demo.local/shop:2.0", "2s"));

        assertThat(SystemFixture.state(release)).isEqualTo("SUCCEEDED");
        assertThat(fixture.stableImage()).isEqualTo("demo.local/shop:2.0");
        fixture.assertCompleteWithoutDuplicates(SystemFixture.id(release));
        // Nothing was dead-lettered twice meanwhile, and every service is still ready.
        assertEveryPoisonRecordDeadLetteredOncePerConsumer();
        fixture.assertEveryServiceReady();
    }

    /** Slack refuses a release's first message twice (rate limited, then failing) before taking it. */
    @Test
    @Order(2)
    void aSlackThatAnswers429Then500ThenTakesTheMessageGetsTheReleasesFirstMessageExactlyOnce() throws Exception {
        String version = "2.1-slack";
        system.receiver()
                .injectSlackFaults(List.of(
                        LocalReceiver.SlackFault.status(title(version), 429, "1"),
                        LocalReceiver.SlackFault.status(title(version), 500, null)));

        JsonNode release =
                demo.run("Slack rate-limited, then failing", fixture.canary("demo.local/shop:" + version, "2s"));

        assertThat(SystemFixture.state(release)).isEqualTo("SUCCEEDED");
        Awaitility.await("the thread updated with the outcome")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(parentUpdates(version)).anyMatch(text -> text.contains("Succeeded")));
        assertThat(parentPosts(version))
                .as("every attempt at the first message, with Slack's answer")
                .extracting(r -> r.path("status").asInt())
                .containsExactly(429, 500, 200);
        assertOneThread(version);
    }

    /** The executor is killed right after its first write to the cluster, before it reported the step. */
    @Test
    @Order(3)
    void theExecutorKilledMidStepResumesAndTheReleaseCompletesWithNoStepPublishedTwice() throws Exception {
        String image = "demo.local/shop:2.2";
        String id = api.request(fixture.canary(image, "2s"));
        Awaitility.await("the executor's first write of the step")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> image.equals(fixture.image(DemoScenario.NAMESPACE, "shop-canary")));
        system.killService("executor-service");
        system.startService("executor-service");

        JsonNode release = api.awaitOutcome(id, OUTCOME);

        assertThat(SystemFixture.state(release)).isEqualTo("SUCCEEDED");
        assertThat(fixture.stableImage()).isEqualTo(image);
        fixture.assertCompleteWithoutDuplicates(id);
    }

    /** The rollback-service is killed the moment the health monitor condemns the canary. */
    @Test
    @Order(4)
    void theRollbackServiceKilledWhileDecidingRollsTheReleaseBackExactlyOnce() throws Exception {
        String stable = fixture.stableImage();
        String id = api.request(fixture.canary("demo.local/shop:2.3-faulty", "20s"));
        Awaitility.await("the canary condemned")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !topics.events(Topics.HEALTH_DEGRADED, id).isEmpty());
        system.killService("rollback-service");
        system.startService("rollback-service");

        JsonNode release = api.awaitOutcome(id, OUTCOME);

        assertThat(SystemFixture.state(release)).isEqualTo("ROLLED_BACK");
        assertThat(fixture.stableImage()).isEqualTo(stable);
        assertThat(topics.events(Topics.ROLLBACK_TRIGGERED, id))
                .singleElement()
                .satisfies(e -> assertThat(((RollbackTriggered) e.data()).reason())
                        .isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED));
        assertThat(fixture.steps(id))
                .filteredOn(s -> s.action() == StepCompleted.Action.ROLLBACK)
                .as("one restore")
                .hasSize(1);
    }

    /**
     * The notifier is killed while Slack holds its request for the release's first message (Slack
     * took the message but had not answered), and restarted once Slack has answered the dead
     * connection. Whether the message arrived is unknown to the notifier, so it must not post it
     * again (a second thread): it says so on {@code notifications.dlq} and goes on telling the channel.
     */
    @Test
    @Order(5)
    void theNotifierKilledMidDeliveryPostsNoMessageTwiceAndReportsTheOneItCannotKnowArrived() throws Exception {
        String version = "2.4-notifier";
        CountDownLatch slackAnswers = new CountDownLatch(1);
        system.receiver().injectSlackFaults(List.of(LocalReceiver.SlackFault.held(title(version), slackAnswers)));
        int before = system.receiver().received().size();
        String id;
        try {
            id = api.request(fixture.canary("demo.local/shop:" + version, "2s"));
            Awaitility.await("the first message in flight")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !parentPosts(version).isEmpty());
            system.killService("notifier-service");
        } finally {
            slackAnswers.countDown();
        }
        system.startService("notifier-service");

        JsonNode release = api.awaitOutcome(id, OUTCOME);

        assertThat(SystemFixture.state(release)).isEqualTo("SUCCEEDED");
        Awaitility.await("the rest of the release told after the restart")
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(postedSince(before))
                        .anyMatch(text -> text.contains(version) && text.contains("promoted to stable")));
        assertThat(parentPosts(version)).as("the release's first message").hasSize(1);
        // In its own thread: the previous case's release may still be told meanwhile, in words of the same plan.
        fixture.assertNoMessageTwice(DemoScenario.APPLICATION, version);
        ConsumerRecord<String, String> uncertain = topics.awaitRecord(NOTIFICATIONS_DLQ, id);
        assertThat(TopicRecorder.headers(uncertain).get("dead-letter-reason")).startsWith("outcome unknown");
        assertThat(topics.records(NOTIFICATIONS_DLQ, id)).hasSize(1);
    }

    /**
     * The release-service and the health monitor are killed while the first step waits for its verdict,
     * then all five services at once while the release is paused (a pause without a duration, which
     * only a command ends). The restarted system resumes the release on the command and completes it:
     * no step lost or repeated, one end, one Slack thread with no message twice.
     */
    @Test
    @Order(6)
    void everyServiceKilledMidStepAndDuringAPauseLosesNothingAndTheResumedReleaseCompletesOnce() throws Exception {
        String version = "2.5-paused";
        String image = "demo.local/shop:" + version;
        ObjectNode body = fixture.canary(image, "2s");
        ((ObjectNode) body.at("/strategy/canary/steps/1")).putObject("pause");
        String id = api.request(body);
        Awaitility.await("the first step written to the cluster")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> image.equals(fixture.image(DemoScenario.NAMESPACE, "shop-canary")));
        List<String> judging = List.of("release-service", "health-monitor-service");
        system.killServices(judging);
        system.startServices(judging);

        Awaitility.await("the release paused after its judged first step")
                .atMost(OUTCOME)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "PAUSED".equals(SystemFixture.state(api.release(id))));
        system.killServices(LocalSystem.SERVICES);
        system.startServices(LocalSystem.SERVICES);
        assertThat(SystemFixture.state(api.release(id)))
                .as("a pause without a duration outlives a restart")
                .isEqualTo("PAUSED");
        api.command(id, "resume");
        JsonNode release = api.awaitOutcome(id, OUTCOME);

        assertThat(SystemFixture.state(release)).isEqualTo("SUCCEEDED");
        assertThat(fixture.stableImage()).isEqualTo(image);
        fixture.assertCompleteWithoutDuplicates(id);
        fixture.assertEndedOnce(id);
        assertOneThread(version);
    }

    /**
     * All five services killed at once in the middle of a rollback: the decision published and the
     * executor restoring the stable version through a Kubernetes API that takes a second per call. After
     * the restart the restore is finished once, the rollback decided once, and the release ends rolled
     * back once, with no Slack message twice.
     */
    @Test
    @Order(7)
    void everyServiceKilledDuringARollbackRestoresOnceAndTheReleaseEndsRolledBackOnce() throws Exception {
        String stable = fixture.stableImage();
        String version = "2.6-faulty";
        String id = api.request(fixture.canary("demo.local/shop:" + version, "20s"));
        Awaitility.await("the canary condemned")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !topics.events(Topics.HEALTH_DEGRADED, id).isEmpty());
        system.cluster().injectApiLatency(DemoScenario.NAMESPACE, Duration.ofSeconds(1));
        try {
            Awaitility.await("the rollback decided")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !topics.events(Topics.ROLLBACK_TRIGGERED, id).isEmpty());
            // The API server applies a write before its late answer: once the canary's scale-down shows,
            // the executor is inside the restore, waiting a second for each call.
            Awaitility.await("the restore under way")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> canaryReplicas() == 0);
            system.killServices(LocalSystem.SERVICES);
        } finally {
            system.cluster().injectApiLatency(DemoScenario.NAMESPACE, Duration.ZERO);
        }
        system.startServices(LocalSystem.SERVICES);

        JsonNode release = api.awaitOutcome(id, OUTCOME);

        assertThat(SystemFixture.state(release)).isEqualTo("ROLLED_BACK");
        assertThat(fixture.stableImage()).isEqualTo(stable);
        // A relay killed between the broker's ack and marking the event sent publishes it again under its id.
        assertThat(topics.events(Topics.ROLLBACK_TRIGGERED, id).stream()
                        .map(e -> e.id())
                        .distinct())
                .as("rollback decisions")
                .hasSize(1);
        assertThat(fixture.steps(id))
                .filteredOn(s -> s.action() == StepCompleted.Action.ROLLBACK)
                .as("restores reported")
                .hasSize(1);
        fixture.assertEndedOnce(id);
        fixture.assertNoMessageTwice(DemoScenario.APPLICATION, version);
    }

    /**
     * Random bytes as large as the broker takes, on the topic with the most consumers: read as text,
     * each byte that is not UTF-8 becomes a three-byte replacement character, so the dead letter is
     * larger than the record was. Last, because a consumer that cannot dead-letter it stops there.
     *
     * <p>Without the cut dead letter (BoundedDeadLetterSerializer), each consumer's dead-letter producer
     * refused the 1.9 MB dead letter (RecordTooLargeException, max.request.size 1 MiB), the nack failed
     * and the channel's stream ended: no dead letter, and nothing after it on that topic was read.
     */
    @Test
    @Order(8)
    void randomBytesAsLargeAsTheBrokerTakesAreDeadLetteredOnceByEachConsumerWhoStaysReady() throws Exception {
        Map<String, String> headers = ceHeaders("dev.rollwatch." + Topics.RELEASE_REQUESTED + ".v1");
        String key = "poison-large-random-" + UUID.randomUUID();
        headers.put("ce_subject", key);
        byte[] noise = new byte[LARGEST_TAKEN];
        new Random(7).nextBytes(noise);
        // The services killed and restarted by the cases before must have rejoined their groups.
        fixture.awaitConsumerGroupsSettled();
        send(Topics.RELEASE_REQUESTED, key, headers, noise);

        Awaitility.await("dead-lettered by every consumer of " + Topics.RELEASE_REQUESTED)
                .atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(topics.records(Topics.deadLetter(Topics.RELEASE_REQUESTED), key))
                        .hasSize(consumers.get(Topics.RELEASE_REQUESTED)));
        fixture.assertEveryServiceReady();
        // And the topic still flows: a release after it is planned and started.
        String id = api.request(fixture.canary("demo.local/shop:2.5", "1s"));
        Awaitility.await("the next release started")
                .atMost(Duration.ofMinutes(1))
                .until(() -> !fixture.steps(id).isEmpty());
    }

    /** The texts of the messages Slack took since the receiver's {@code from}-th request. */
    private static List<String> postedSince(int from) {
        List<JsonNode> received = system.receiver().received();
        return received.subList(from, received.size()).stream()
                .filter(r -> r.path("path").asText().endsWith("/slack/api/chat.postMessage")
                        && r.path("status").asInt() == 200)
                .map(r -> r.at("/body/text").asText())
                .toList();
    }

    // --- poison ---

    private static void poison(String topic, String kind, Map<String, String> headers, byte[] value) throws Exception {
        String key = "poison-" + kind + "-" + UUID.randomUUID();
        Map<String, String> withSubject = new TreeMap<>(headers);
        if (withSubject.containsKey("ce_type")) {
            withSubject.put("ce_subject", key);
        }
        send(topic, key, withSubject, value);
        poisonTopics.put(key, topic);
    }

    private static RecordMetadata send(String topic, String key, Map<String, String> headers, byte[] value)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        return rawProducer.send(record).get(30, TimeUnit.SECONDS);
    }

    /** 2 MB if the broker takes it; else the largest payload it takes (its limit less room for the headers). */
    private static void poisonAsLargeAsTheBrokerTakes(String topic, Map<String, String> headers) throws Exception {
        for (int size : new int[] {2 * 1024 * 1024, LARGEST_TAKEN, 1_000_000}) {
            String key = "poison-large-" + size + "-" + UUID.randomUUID();
            Map<String, String> withSubject = new TreeMap<>(headers);
            withSubject.put("ce_subject", key);
            try {
                send(topic, key, withSubject, largeJson(size));
                poisonTopics.put(key, topic);
                System.out.printf("  poison on %s: the broker took a payload of %d bytes%n", topic, size);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw e;
                }
            }
        }
        throw new AssertionError("the broker took no large record on " + topic);
    }

    private static byte[] largeJson(int size) {
        String prefix = "{\"releaseId\": \"poison\", \"padding\": \"";
        String suffix = "\"}";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> ceHeaders(String type) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", type);
        headers.put("ce_source", "fault-suite");
        headers.put("ce_time", Instant.now().toString());
        headers.put("content-type", "application/json");
        return headers;
    }

    /** The golden example's data for a topic: a valid payload, poisoned only by its headers. */
    private static String example(String topic) throws IOException {
        try (InputStream in = FaultSuiteIT.class.getResourceAsStream("/examples/" + topic + ".v1.json")) {
            assertThat(in).as("golden example of %s", topic).isNotNull();
            return JSON.readTree(in).path("data").toString();
        }
    }

    private static void assertEveryPoisonRecordDeadLetteredOncePerConsumer() {
        poisonTopics.forEach((key, topic) -> {
            List<ConsumerRecord<String, String>> deadLetters = topics.records(Topics.deadLetter(topic), key);
            assertThat(deadLetters)
                    .as("dead letters of %s on %s (consumed by %d services)", key, topic, consumers.get(topic))
                    .hasSize(consumers.get(topic))
                    .allSatisfy(r -> assertThat(TopicRecorder.headers(r)).containsKey("dead-letter-reason"));
        });
    }

    /** Topics consumed with a dead-letter topic, and by how many services, from each service's configuration. */
    private static Map<String, Integer> consumersByTopic(Path repository) throws IOException {
        Map<String, Integer> byTopic = new TreeMap<>();
        for (String service : LocalSystem.SERVICES) {
            Properties properties = new Properties();
            try (var in = Files.newInputStream(
                    repository.resolve(service).resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            properties.stringPropertyNames().stream()
                    .filter(name ->
                            name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic"))
                    .map(name -> properties.getProperty(name.replace(".dead-letter-queue.topic", ".topic")))
                    .collect(Collectors.toSet())
                    .forEach(topic -> byTopic.merge(topic, 1, Integer::sum));
        }
        return byTopic;
    }

    // --- Slack ---

    /**
     * Every attempt at posting the release's first message (the thread parent, titled "shop
     * &lt;version&gt;:"), whatever Slack answered. Messages posted unthreaded after an uncertain parent
     * name the version too, but not in the title.
     */
    private static List<JsonNode> parentPosts(String version) {
        return fixture.parentPosts(DemoScenario.APPLICATION, version);
    }

    /** The replicas the demo's canary Deployment asks for (0 when it has none). */
    private static int canaryReplicas() {
        var canary = fixture.deployment(DemoScenario.NAMESPACE, "shop-canary");
        return canary == null || canary.getSpec().getReplicas() == null
                ? 0
                : canary.getSpec().getReplicas();
    }

    /** How the release's first message names it. */
    private static String title(String version) {
        return SystemFixture.title(DemoScenario.APPLICATION, version);
    }

    private static List<String> parentUpdates(String version) {
        return fixture.slack().stream()
                .filter(r -> r.path("path").asText().endsWith("chat.update")
                        && r.at("/body/text").asText().contains(version))
                .map(r -> r.at("/body/text").asText())
                .toList();
    }

    /** One parent message taken for the version, and its replies all in its thread. */
    private static void assertOneThread(String version) {
        List<JsonNode> taken = parentPosts(version).stream()
                .filter(r -> r.path("status").asInt() == 200)
                .toList();
        assertThat(taken).as("first messages Slack took").hasSize(1);
        String thread = taken.get(0).at("/answer/ts").asText();
        assertThat(fixture.slack())
                .filteredOn(r -> thread.equals(r.at("/body/thread_ts").asText()))
                .as("replies in the thread")
                .isNotEmpty();
        fixture.assertNoMessageTwice(DemoScenario.APPLICATION, version);
    }
}

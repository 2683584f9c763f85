package dev.rollwatch.local;

import dev.rollwatch.events.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) run as a child process
 * from the same jars as Kafka's distribution, with the Rollwatch topics created as in production.
 */
final class LocalKafka implements AutoCloseable {

    static final int PARTITIONS = 3;
    /** Created with their dead-letter topics; release.status, compacted, is created on its own. */
    static final List<String> TOPICS = List.of(
            Topics.RELEASE_REQUESTED,
            Topics.STEP_COMPLETED,
            Topics.HEALTH_DEGRADED,
            Topics.ROLLBACK_TRIGGERED,
            Topics.RELEASE_COMMANDS,
            Topics.HEALTH_WARNING,
            Topics.HEALTH_PASSED,
            Topics.ROLLBACK_NOTICE);

    private final String bootstrapServers;
    private final int port;
    private ChildProcess process;

    private LocalKafka(ChildProcess process, String bootstrapServers, int port) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.port = port;
    }

    static LocalKafka start(Path home, int port, int controllerPort, JavaLauncher java) throws IOException {
        Path dataDir = Files.createDirectories(home.resolve("kafka-data"));
        Path config = home.resolve("kafka.properties");
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("num.partitions", Integer.toString(PARTITIONS)),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "Rollwatch local broker");
        }
        Path log = home.resolve("logs/kafka.log");
        ChildProcess format = ChildProcess.start(
                "kafka-format",
                java.command(
                        "-Xmx256m",
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()),
                Map.of(),
                log);
        if (!format.awaitExit(Duration.ofSeconds(60))) {
            throw new IllegalStateException("Formatting the Kafka storage did not finish; see " + log);
        }
        ChildProcess broker = ChildProcess.start(
                "kafka", java.command("-Xmx512m", "-XX:+UseSerialGC", "kafka.Kafka", config.toString()), Map.of(), log);
        LocalKafka kafka = new LocalKafka(broker, "localhost:" + port, port);
        awaitListening(broker, port, Duration.ofSeconds(60));
        kafka.createTopics(Duration.ofSeconds(60), log);
        return kafka;
    }

    private static void awaitListening(ChildProcess broker, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("Kafka stopped while starting:\n" + Logs.tail(broker.log(), 25));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return;
            } catch (IOException e) {
                Pause.briefly(Duration.ofMillis(200));
            }
        }
        throw new IllegalStateException("Kafka did not listen on " + port + " within " + timeout.toSeconds() + "s:\n"
                + Logs.tail(broker.log(), 25));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Kills the broker (SIGKILL, a crash), leaves it down for {@code down}, then starts it again on its data. */
    synchronized void crashAndRestart(Duration down) throws IOException {
        process.kill();
        Pause.briefly(down);
        process = process.startAgain();
        awaitListening(process, port, Duration.ofSeconds(60));
    }

    /** Creates the topics as production has them: release.status compacted, the rest deleted by time. */
    private void createTopics(Duration timeout, Path log) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : TOPICS) {
            topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
            topics.add(new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
        }
        topics.add(new NewTopic("notifications.dlq", 1, (short) 1));
        topics.add(new NewTopic(Topics.RELEASE_STATUS, PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()))) {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic))
                            .all()
                            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic.name() + "; see " + log, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + "s; see " + log, e);
        }
    }

    @Override
    public synchronized void close() {
        process.close();
    }
}

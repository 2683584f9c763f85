package dev.rollwatch.testing.infra;

import java.util.Optional;
import java.util.logging.Logger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per JVM: the one named in {@value #ENV_BOOTSTRAP} if set, else a
 * Testcontainers broker when Docker is available, else a KRaft broker inside this JVM (Kafka's own
 * test kit: a real broker and controller, not a mock).
 *
 * <p>Quarkus loads test resources in a new class loader on every application restart, so a static
 * field would start a second broker; the address is kept in a system property instead.
 */
public final class KafkaBroker {

    public static final String ENV_BOOTSTRAP = "ROLLWATCH_TEST_KAFKA_BOOTSTRAP_SERVERS";
    private static final String PROPERTY = "rollwatch.test.kafka.bootstrap-servers";
    private static final String IMAGE = "apache/kafka-native:4.1.1";
    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());

    private KafkaBroker() {}

    /** Bootstrap servers of this JVM's broker, starting it on first use. */
    public static synchronized String bootstrapServers() {
        String known = System.getProperty(PROPERTY);
        if (known != null) {
            return known;
        }
        String address = Optional.ofNullable(System.getenv(ENV_BOOTSTRAP))
                .filter(s -> !s.isBlank())
                .orElseGet(() -> DockerProbe.dockerAvailable() ? startContainer() : startInJvm());
        System.setProperty(PROPERTY, address);
        return address;
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        LOG.info(() -> "Kafka (Testcontainers) at " + container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startInJvm() {
        try {
            // A broker in the test JVM must never end it: when the JVM's own shutdown deletes the broker's
            // temp directories under it, Kafka's log-dir failure handler halts the process with a non-zero
            // code, and the test runner then reports a crashed fork although every test passed.
            org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                    LOG.warning(() -> "Kafka asked to halt the JVM (" + code + "): " + message + "; ignored in tests"));
            org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                    LOG.warning(() -> "Kafka asked to exit the JVM (" + code + "): " + message + "; ignored in tests"));
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster), "kafka-test-kit-stop"));
            LOG.info(() -> "Kafka (in-JVM KRaft) at " + cluster.bootstrapServers());
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-JVM Kafka broker", e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; the broker's temp directories are deleted either way.
        }
    }

    /** Docker detection, isolated so a missing Docker client library cannot break the fallback. */
    static final class DockerProbe {
        private DockerProbe() {}

        static boolean dockerAvailable() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}

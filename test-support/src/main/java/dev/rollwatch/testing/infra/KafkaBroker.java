package dev.rollwatch.testing.infra;

import dev.rollwatch.events.Topics;
import dev.rollwatch.events.access.KafkaAccess;
import dev.rollwatch.kafka.access.BrokerAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per JVM, secured as production is: a KRaft broker inside this JVM (Kafka's own
 * test kit: a real broker and controller, not a mock) with SASL on every listener, Kafka's
 * StandardAuthorizer and {@code allow.everyone.if.no.acl.found=false}. Every service of
 * {@link KafkaAccess#standard()} gets a SCRAM-SHA-512 user with exactly its ACLs from that table; so
 * does {@value #TEST_CLIENT} (the tests' stand-in for the other services and CI: every topic and group)
 * and {@value #STRANGER} (authenticated, no ACL at all: what a forged event comes from). Only
 * {@value #ADMIN}, which creates the topics, users and ACLs, is a super user (PLAIN, fixed in the
 * broker's own config, since a SCRAM user can only be created once the broker runs).
 *
 * <p>Two unsecured alternatives stay for those who ask for them: the broker named in
 * {@value #ENV_BOOTSTRAP}, and a Testcontainers broker when {@value #ENV_CONTAINER}{@code =true}. Both
 * are plaintext without ACLs, so clients get no credentials ({@link #secured()} is false) and the
 * tests that prove the ACLs skip themselves.
 *
 * <p>Quarkus loads test resources in a new class loader on every application restart, so a static
 * field would start a second broker; the address and the passwords are kept in system properties.
 */
public final class KafkaBroker {

    public static final String ENV_BOOTSTRAP = "ROLLWATCH_TEST_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_CONTAINER = "ROLLWATCH_TEST_KAFKA_CONTAINER";
    /** The super user that creates topics, users and ACLs; no service runs as it. */
    public static final String ADMIN = "admin";
    /** Plays the other services and CI in tests: may read and write every topic, read with any group. */
    public static final String TEST_CLIENT = "rollwatch-test";
    /** Authenticated and granted nothing: forged events in tests come from it. */
    public static final String STRANGER = "stranger";

    public static final String MECHANISM = BrokerAccess.SCRAM_MECHANISM;
    private static final String PROPERTY = "rollwatch.test.kafka.bootstrap-servers";
    private static final String SECURED_PROPERTY = "rollwatch.test.kafka.secured";
    private static final String PASSWORD_PROPERTY = "rollwatch.test.kafka.password.";
    private static final String IMAGE = "apache/kafka-native:4.1.1";
    private static final int PARTITIONS = 3;
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());

    private KafkaBroker() {}

    /** Bootstrap servers of this JVM's broker, starting it on first use. */
    public static synchronized String bootstrapServers() {
        String known = System.getProperty(PROPERTY);
        if (known != null) {
            return known;
        }
        Optional<String> external =
                Optional.ofNullable(System.getenv(ENV_BOOTSTRAP)).filter(s -> !s.isBlank());
        String address;
        if (external.isPresent()) {
            address = external.get();
        } else if ("true".equalsIgnoreCase(System.getenv(ENV_CONTAINER))) {
            address = startContainer();
        } else {
            address = startInJvm();
            System.setProperty(SECURED_PROPERTY, "true");
        }
        System.setProperty(PROPERTY, address);
        return address;
    }

    /** Whether this JVM's broker authenticates and authorises (the in-JVM one does; the others do not). */
    public static boolean secured() {
        bootstrapServers();
        return Boolean.getBoolean(SECURED_PROPERTY);
    }

    /**
     * The client settings that log in as {@code principal} (a service of the access table,
     * {@value #TEST_CLIENT}, {@value #STRANGER} or {@value #ADMIN}); none for an unsecured broker.
     */
    public static Map<String, String> clientConfig(String principal) {
        if (!secured()) {
            return Map.of();
        }
        return login(principal);
    }

    private static Map<String, String> login(String principal) {
        String password = System.getProperty(PASSWORD_PROPERTY + principal);
        if (password == null) {
            throw new IllegalArgumentException("The test broker has no Kafka user " + principal);
        }
        return BrokerAccess.saslLogin(principal, password, principal.equals(ADMIN));
    }

    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        LOG.warning(() -> "Kafka (Testcontainers, plaintext without ACLs) at " + container.getBootstrapServers());
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
            String adminPassword = BrokerAccess.newPassword();
            System.setProperty(PASSWORD_PROPERTY + ADMIN, adminPassword);
            String plain = BrokerAccess.jaas(
                            "org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, adminPassword)
                    .replace(";", " user_" + ADMIN + "=\"" + adminPassword + "\";");
            // The JAAS settings go on the listeners, never into the JVM-wide java.security.auth.login.config
            // (what the test kit's own SASL mode does): the application under test runs in this JVM too.
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp(
                            "listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                    .setConfigProp("listener.name.external.sasl.enabled.mechanisms", "PLAIN," + MECHANISM)
                    .setConfigProp("listener.name.controller.sasl.enabled.mechanisms", "PLAIN")
                    .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                    .setConfigProp("sasl.mechanism.controller.protocol", "PLAIN")
                    .setConfigProp("listener.name.external.plain.sasl.jaas.config", plain)
                    .setConfigProp("listener.name.controller.plain.sasl.jaas.config", plain)
                    .setConfigProp(
                            "listener.name.external.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                    .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .setConfigProp("super.users", "User:" + ADMIN)
                    .setConfigProp("allow.everyone.if.no.acl.found", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", Integer.toString(PARTITIONS))
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster), "kafka-test-kit-stop"));
            String bootstrap = cluster.bootstrapServers();
            secure(bootstrap);
            LOG.info(() -> "Kafka (in-JVM KRaft, SASL with ACLs) at " + bootstrap);
            return bootstrap;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-JVM Kafka broker", e);
        }
    }

    /** Creates the topics, a SCRAM user per principal and the access table's ACLs. */
    private static void secure(String bootstrap) throws Exception {
        KafkaAccess access = KafkaAccess.standard();
        List<String> users = new ArrayList<>();
        access.principals().forEach(p -> users.add(p.name()));
        users.add(TEST_CLIENT);
        users.add(STRANGER);
        Map<String, Object> adminConfig =
                new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        adminConfig.putAll(login(ADMIN));
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, String> passwords = new java.util.HashMap<>();
            for (String user : users) {
                String password = BrokerAccess.newPassword();
                System.setProperty(PASSWORD_PROPERTY + user, password);
                passwords.put(user, password);
            }
            BrokerAccess.upsertScramUsers(admin, passwords, SETUP_TIMEOUT);
            List<AclBinding> acls = new ArrayList<>(BrokerAccess.aclBindings(access));
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
                acls.add(BrokerAccess.allowOnEvery(ResourceType.TOPIC, TEST_CLIENT, operation));
            }
            acls.add(BrokerAccess.allowOnEvery(ResourceType.GROUP, TEST_CLIENT, AclOperation.READ));
            admin.createAcls(acls).all().get(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            createTopics(admin, access);
        }
        // A SCRAM user reaches the broker through the metadata log: wait until every one can log in, so the
        // first application started never fails authentication.
        for (String user : users) {
            BrokerAccess.awaitLogin(bootstrap, user, login(user), SETUP_TIMEOUT);
        }
    }

    private static void createTopics(Admin admin, KafkaAccess access) throws Exception {
        for (String topic : access.topics()) {
            NewTopic newTopic = new NewTopic(topic, PARTITIONS, (short) 1);
            if (topic.equals(Topics.RELEASE_STATUS)) {
                newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            try {
                admin.createTopics(List.of(newTopic)).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; the broker's temp directories are deleted either way.
        }
    }

    /** Docker detection (used by PostgresServer), isolated so a missing Docker client library cannot break the fallback. */
    static final class DockerProbe {
        private DockerProbe() {}

        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}

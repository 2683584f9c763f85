package dev.rollwatch.local;

import dev.rollwatch.events.Topics;
import dev.rollwatch.events.access.KafkaAccess;
import dev.rollwatch.kafka.access.BrokerAccess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) run as a child process
 * from the same jars as Kafka's distribution, with the Rollwatch topics created as in production, and
 * secured as production is: SASL on every listener (SASL_PLAINTEXT: it listens on localhost only),
 * Kafka's StandardAuthorizer with {@code allow.everyone.if.no.acl.found=false}, and a SCRAM-SHA-512
 * user per service, with a password made up at every start, holding exactly the ACLs of schemas'
 * access table ({@link KafkaAccess}). Only {@value #ADMIN}, which creates the topics, users and ACLs,
 * is a super user (PLAIN, fixed in the broker's config: a SCRAM user can only be added once it runs).
 * {@value #OBSERVER} is the demo's own user: it reads every topic (the live timeline) and writes none.
 */
final class LocalKafka implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String OBSERVER = "rollwatch-local";
    static final String MECHANISM = BrokerAccess.SCRAM_MECHANISM;

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
    private final Map<String, String> passwords = new java.util.concurrent.ConcurrentHashMap<>();
    private ChildProcess process;

    private LocalKafka(ChildProcess process, String bootstrapServers, int port, String adminPassword) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.port = port;
        passwords.put(ADMIN, adminPassword);
    }

    static LocalKafka start(Path home, int port, int controllerPort, JavaLauncher java) throws IOException {
        Path dataDir = Files.createDirectories(home.resolve("kafka-data"));
        String adminPassword = BrokerAccess.newPassword();
        String adminJaas = BrokerAccess.jaas(
                        "org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, adminPassword)
                .replace(";", " user_" + ADMIN + "=\"" + adminPassword + "\";");
        Path config = home.resolve("kafka.properties");
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry("listeners", "CLIENTS://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "CLIENTS://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "CLIENTS"),
                Map.entry("listener.security.protocol.map", "CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
                Map.entry("listener.name.clients.sasl.enabled.mechanisms", "PLAIN," + MECHANISM),
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("listener.name.clients.plain.sasl.jaas.config", adminJaas),
                Map.entry("listener.name.controller.plain.sasl.jaas.config", adminJaas),
                Map.entry(
                        "listener.name.clients.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("super.users", "User:" + ADMIN),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("log.dirs", dataDir.toString()),
                Map.entry("num.partitions", Integer.toString(PARTITIONS)),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        // The file holds the admin's password: readable by this user only.
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
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
        LocalKafka kafka = new LocalKafka(broker, "localhost:" + port, port, adminPassword);
        awaitListening(broker, port, Duration.ofSeconds(60));
        kafka.createTopics(Duration.ofSeconds(60), log);
        kafka.createUsersAndAcls(Duration.ofSeconds(60), log);
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
        try (Admin admin = admin(timeout)) {
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

    private Admin admin(Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig(ADMIN));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(config);
    }

    /**
     * A SCRAM user per service with the access table's ACLs, and the demo's observer, which reads every
     * topic with any group and writes nothing.
     */
    private void createUsersAndAcls(Duration timeout, Path log) {
        KafkaAccess access = KafkaAccess.standard();
        List<String> users = new ArrayList<>();
        access.principals().forEach(p -> users.add(p.name()));
        users.add(OBSERVER);
        List<AclBinding> acls = new ArrayList<>(BrokerAccess.aclBindings(access));
        acls.add(BrokerAccess.allowOnEvery(ResourceType.TOPIC, OBSERVER, AclOperation.READ));
        acls.add(BrokerAccess.allowOnEvery(ResourceType.GROUP, OBSERVER, AclOperation.READ));
        try (Admin admin = admin(timeout)) {
            addScramUsers(admin, users, timeout);
            admin.createAcls(acls).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not create the Kafka users and ACLs; see " + log, e);
        }
        users.forEach(user -> BrokerAccess.awaitLogin(bootstrapServers, user, clientConfig(user), timeout));
    }

    /**
     * Adds a user with no ACL at all (it can log in and do nothing): what a test that forges events
     * as an outsider runs as.
     */
    Map<String, String> addUserWithoutAcls(String user) {
        Duration timeout = Duration.ofSeconds(30);
        try (Admin admin = admin(timeout)) {
            addScramUsers(admin, List.of(user), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not create the Kafka user " + user, e);
        }
        BrokerAccess.awaitLogin(bootstrapServers, user, clientConfig(user), timeout);
        return clientConfig(user);
    }

    private void addScramUsers(Admin admin, List<String> users, Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, String> created = new HashMap<>();
        users.forEach(user -> created.put(user, BrokerAccess.newPassword()));
        BrokerAccess.upsertScramUsers(admin, created, timeout);
        passwords.putAll(created);
    }

    /**
     * The client settings that log in as {@code user} (security.protocol, sasl.mechanism,
     * sasl.jaas.config).
     */
    Map<String, String> clientConfig(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("The local broker has no Kafka user " + user);
        }
        return BrokerAccess.saslLogin(user, password, user.equals(ADMIN));
    }

    /** The environment that makes a Rollwatch service log in as {@code user} (eventing's config reads it). */
    Map<String, String> serviceEnvironment(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("The local broker has no Kafka user " + user);
        }
        return Map.of(
                "ROLLWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "ROLLWATCH_KAFKA_SASL_MECHANISM", MECHANISM,
                "ROLLWATCH_KAFKA_USERNAME", user,
                "ROLLWATCH_KAFKA_PASSWORD", password);
    }

    @Override
    public synchronized void close() {
        process.close();
    }
}

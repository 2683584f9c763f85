package dev.rollwatch.local;

import dev.rollwatch.local.demo.LocalReceiver;
import dev.rollwatch.local.demo.SimulatedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rollwatch on one machine: a real Kafka broker and a real PostgreSQL, the five services as separate
 * processes configured as in production, a Kubernetes API (the user's cluster from KUBECONFIG, or a
 * clearly labelled simulated one) and a local receiver for Slack and Statuspage messages unless real
 * credentials are given. Used by the run command, the system tests and the benchmark.
 */
public final class LocalSystem implements AutoCloseable {

    /**
     * The five services, in start order. Any order would do (a new consumer group reads from the
     * oldest record, so none misses what another published before it was up), but one after the
     * other: five fresh JVMs at once on two cores took longer (about 60 s) than in turn (about 47 s).
     */
    public static final List<String> SERVICES = List.of(
            "release-service", "executor-service", "health-monitor-service", "rollback-service", "notifier-service");

    /**
     * Where things listen and what to start.
     *
     * @param kafkaPort      broker port (the controller takes this + 10000)
     * @param postgresPort   PostgreSQL port
     * @param firstApiPort   release-service port; the other services take the next four
     * @param firstManagementPort the release-service's management port (health, metrics, the API
     *     document); the other services take the next four
     * @param kubernetesPort port of the simulated Kubernetes API (unused with KUBECONFIG)
     * @param receiverPort   port of the local Slack/Statuspage receiver
     * @param repository     repository root (where the packaged services are)
     * @param launcherJar    this module's jar (its lib/ holds the broker's classpath)
     * @param out            where progress and messages go
     * @param keepLogsIn     where to copy the processes' logs when the system stops (null: nowhere)
     */
    public record Options(
            int kafkaPort,
            int postgresPort,
            int firstApiPort,
            int firstManagementPort,
            int kubernetesPort,
            int receiverPort,
            Path repository,
            Path launcherJar,
            PrintStream out,
            Path keepLogsIn) {

        /** Options that keep no logs after the system stops. */
        public Options(
                int kafkaPort,
                int postgresPort,
                int firstApiPort,
                int firstManagementPort,
                int kubernetesPort,
                int receiverPort,
                Path repository,
                Path launcherJar,
                PrintStream out) {
            this(
                    kafkaPort,
                    postgresPort,
                    firstApiPort,
                    firstManagementPort,
                    kubernetesPort,
                    receiverPort,
                    repository,
                    launcherJar,
                    out,
                    null);
        }
    }

    private final Options options;
    private final Path home;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Settings given to one service on top of its own (system properties), by service name. */
    private final Map<String, Map<String, String>> serviceSettings;

    private final Map<String, String> environment = new HashMap<>();
    private final String devKey =
            "rw_local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(24));
    private JavaLauncher java;
    private LocalKafka kafka;
    private LocalPostgres postgres;
    private SimulatedCluster cluster;
    private LocalReceiver receiver;

    private LocalSystem(Options options, Path home, Map<String, Map<String, String>> serviceSettings) {
        this.options = options;
        this.home = home;
        this.serviceSettings = Map.copyOf(serviceSettings);
    }

    public static LocalSystem start(Options options) throws IOException, SQLException {
        return start(options, Map.of());
    }

    /**
     * Starts the system with some services' settings changed (e.g. the fault suite's short leases):
     * {@code serviceSettings} maps a service name to its properties, given to it as system properties
     * at every start.
     */
    public static LocalSystem start(Options options, Map<String, Map<String, String>> serviceSettings)
            throws IOException, SQLException {
        LocalSystem system = new LocalSystem(options, Files.createTempDirectory("rollwatch-local-"), serviceSettings);
        try {
            system.startAll();
            return system;
        } catch (IOException | SQLException | RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startAll() throws IOException, SQLException {
        Ports.requireFree(options.kafkaPort(), "Kafka", "ROLLWATCH_LOCAL_KAFKA_PORT");
        Ports.requireFree(options.kafkaPort() + 10_000, "the Kafka controller", "ROLLWATCH_LOCAL_KAFKA_PORT");
        Ports.requireFree(options.postgresPort(), "PostgreSQL", "ROLLWATCH_LOCAL_POSTGRES_PORT");
        for (int i = 0; i < SERVICES.size(); i++) {
            Ports.requireFree(options.firstApiPort() + i, SERVICES.get(i), "ROLLWATCH_LOCAL_API_PORT");
            Ports.requireFree(
                    options.firstManagementPort() + i,
                    SERVICES.get(i) + "'s management interface",
                    "ROLLWATCH_LOCAL_MANAGEMENT_PORT");
        }
        boolean realCluster = System.getenv("KUBECONFIG") != null;
        if (!realCluster) {
            Ports.requireFree(
                    options.kubernetesPort(), "the simulated Kubernetes API", "ROLLWATCH_LOCAL_KUBERNETES_PORT");
        }
        boolean realSlack = System.getenv("ROLLWATCH_NOTIFIER_SLACK_BOT_TOKEN") != null;
        if (!realSlack) {
            Ports.requireFree(
                    options.receiverPort(), "the local Slack/Statuspage receiver", "ROLLWATCH_LOCAL_RECEIVER_PORT");
        }
        java = new JavaLauncher(options.launcherJar());
        Files.createDirectories(home.resolve("logs"));

        postgres = step(
                "PostgreSQL",
                () -> remember(LocalPostgres.start(home, options.postgresPort())),
                p -> "localhost:" + p.port() + "/" + LocalPostgres.DATABASE);
        kafka = step(
                "Kafka",
                () -> remember(LocalKafka.start(home, options.kafkaPort(), options.kafkaPort() + 10_000, java)),
                k -> k.bootstrapServers() + " (topics created)");
        if (realCluster) {
            options.out().println("  Kubernetes: your cluster (KUBECONFIG=" + System.getenv("KUBECONFIG") + ")");
        } else {
            cluster = step(
                    "Kubernetes API (SIMULATED: in-memory API server, stand-in pods, no containers run)",
                    () -> remember(SimulatedCluster.start(options.kubernetesPort(), Duration.ofMillis(1500))),
                    SimulatedCluster::url);
            environment.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", cluster.url());
            environment.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        }
        if (realSlack) {
            options.out().println("  Slack/Statuspage: the real APIs (credentials from the environment)");
        } else {
            receiver = step(
                    "local Slack/Statuspage receiver (prints every message)",
                    () -> remember(LocalReceiver.start(options.receiverPort(), options.out())),
                    r -> r.slackApiUrl().replace("/slack/api", ""));
            environment.put("ROLLWATCH_NOTIFIER_SLACK_API_URL", receiver.slackApiUrl());
            environment.put("ROLLWATCH_NOTIFIER_SLACK_BOT_TOKEN", "local-receiver");
            environment.put("ROLLWATCH_NOTIFIER_STATUSPAGE_API_URL", receiver.statuspageApiUrl());
            environment.put("ROLLWATCH_NOTIFIER_STATUSPAGE_API_KEY", "local-receiver");
            environment.put("ROLLWATCH_NOTIFIER_OUTBOUND_ALLOW_HTTP", "true");
            environment.put("ROLLWATCH_NOTIFIER_OUTBOUND_ALLOW_LOOPBACK", "true");
        }
        environment.put("ROLLWATCH_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("ROLLWATCH_DB_REACTIVE_URL", postgres.reactiveUrl());
        environment.put("ROLLWATCH_DB_JDBC_URL", postgres.jdbcUrl());
        environment.put("ROLLWATCH_DB_USER", LocalPostgres.USER);
        environment.put("ROLLWATCH_DB_PASSWORD", LocalPostgres.USER);
        environment.put("ROLLWATCH_NOTIFIER_RELEASE_LINK_BASE", apiUrl());

        for (String service : SERVICES) {
            startService(service);
        }
    }

    /** Starts (or restarts) one service and waits until it is ready. */
    public ServiceProcess startService(String name) throws IOException {
        ServiceProcess process = launchService(name);
        services.put(name, process);
        awaitReady(process);
        return process;
    }

    /**
     * Starts (or restarts) several services at once, as a node coming back starts all its pods, and
     * waits until every one is ready: they start side by side and meet whatever the others left.
     */
    public void startServices(List<String> names) throws IOException {
        List<ServiceProcess> launched = new java.util.ArrayList<>();
        for (String name : names) {
            ServiceProcess process = launchService(name);
            services.put(name, process);
            launched.add(process);
        }
        launched.forEach(this::awaitReady);
    }

    /**
     * Starts one more instance of a service on {@code port} and waits until it is ready: the same
     * database, Kafka user and consumer groups as the first, so the two share the work as two
     * replicas in Kubernetes do. Its management interface takes a free port the system chooses
     * ({@link ServiceProcess#managementUrl()}). It logs to {@code <service>-<port>.log} and is stopped
     * with the system unless {@link #stopInstance stopped} or {@link #killInstance killed} before.
     */
    public ServiceProcess startInstance(String name, int port) throws IOException {
        if (!SERVICES.contains(name)) {
            throw new IllegalArgumentException("no service " + name);
        }
        Ports.requireFree(port, name + " (another instance)", "a free port");
        ServiceProcess process = launch(name, port, Ports.anyFree(), name + "-" + port + ".log");
        awaitReady(process);
        return process;
    }

    /** Stops an instance as Kubernetes scales a Deployment down (SIGTERM, drained), and waits until it exited. */
    public void stopInstance(ServiceProcess instance) {
        instance.close();
    }

    /** Kills an instance the hard way (SIGKILL), as a crash would. */
    public void killInstance(ServiceProcess instance) {
        instance.kill();
    }

    private void awaitReady(ServiceProcess process) {
        process.awaitReady(Duration.ofSeconds(120));
        options.out()
                .println("  " + process.name() + " ready at " + process.url() + " (management "
                        + process.managementUrl() + ")");
    }

    /** Launches one of the five on its own API and management ports, without waiting for it. */
    private ServiceProcess launchService(String name) throws IOException {
        int index = SERVICES.indexOf(name);
        return launch(name, options.firstApiPort() + index, options.firstManagementPort() + index, name + ".log");
    }

    private ServiceProcess launch(String name, int port, int managementPort, String logName) throws IOException {
        // The one local key opens every API: the release API and the read APIs of the monitor and rollbacks.
        List<String> devKeyConfig = List.of(
                "-Drollwatch.auth.keys.local-dev.hash=sha256:" + sha256Hex(devKey),
                "-Drollwatch.auth.keys.local-dev.roles=viewer,releaser,operator",
                "-Drollwatch.auth.keys.local-dev.namespaces=*");
        List<String> jvm = switch (name) {
            case "release-service", "rollback-service" -> devKeyConfig;
            // The production default, stated: the simulated cluster keeps Pod objects, and the demo's
            // crash-looping version is caught only through them (its metrics cannot be read). The demo's
            // pods are local processes: their metrics endpoints are on localhost, which the installation
            // allows here (in a cluster, only the pods of the release's namespace are scraped).
            case "health-monitor-service" ->
                Stream.concat(
                                devKeyConfig.stream(),
                                Stream.of(
                                        "-Drollwatch.health.pods.enabled=true",
                                        "-Drollwatch.health.scrape.allowed-hosts=localhost"))
                        .toList();
            // One person's machine is one team: every namespace may name any channel and page (the notifier
            // refuses all of them when nothing is configured).
            case "notifier-service" ->
                List.of(
                        "-Drollwatch.notifier.targets.\"*\".slack-channels=*",
                        "-Drollwatch.notifier.targets.\"*\".statuspage-pages=*");
            default -> List.of();
        };
        if (serviceSettings.containsKey(name)) {
            jvm = new java.util.ArrayList<>(jvm);
            for (Map.Entry<String, String> setting : serviceSettings.get(name).entrySet()) {
                jvm.add("-D" + setting.getKey() + "=" + setting.getValue());
            }
        }
        options.out().println("  starting " + name + " on port " + port + " ...");
        // Each service logs in to Kafka as its own user, holding only its own ACLs.
        Map<String, String> serviceEnvironment = new java.util.HashMap<>(environment);
        serviceEnvironment.putAll(kafka.serviceEnvironment(name));
        ServiceProcess process = ServiceProcess.start(
                name,
                options.repository(),
                port,
                managementPort,
                serviceEnvironment,
                jvm,
                java,
                home.resolve("logs").resolve(logName));
        synchronized (this) {
            started.push(process);
        }
        return process;
    }

    /** Kills a service the hard way (SIGKILL), as a crash would. */
    public void killService(String name) {
        services.get(name).kill();
    }

    /** Kills several services at once (SIGKILL), as the loss of the node they share would. */
    public void killServices(List<String> names) {
        names.forEach(this::killService);
    }

    /**
     * Stops PostgreSQL as a restart of the database server does (every connection is closed) and
     * keeps it down until {@link #startPostgres()}: the services lose their database meanwhile.
     */
    public void stopPostgres() throws IOException {
        postgres.stop();
    }

    /** Starts PostgreSQL again on its port and data after {@link #stopPostgres()}. */
    public void startPostgres() throws IOException {
        postgres.startAgain();
    }

    /** Kills the Kafka broker (SIGKILL), leaves it down for {@code down}, then starts it again on its data. */
    public void restartKafka(Duration down) throws IOException {
        kafka.crashAndRestart(down);
    }

    public String apiUrl() {
        return "http://localhost:" + options.firstApiPort();
    }

    /** A service's API (its first instance's). */
    public String serviceUrl(String name) {
        return "http://localhost:" + (options.firstApiPort() + SERVICES.indexOf(name));
    }

    /**
     * A service's management interface (its first instance's): {@code /q/health/*}, {@code /q/metrics}
     * and, for the release-service, {@code /q/openapi} and {@code /q/swagger-ui}, none of which the API
     * port serves.
     */
    public String managementUrl(String name) {
        return "http://localhost:" + (options.firstManagementPort() + SERVICES.indexOf(name));
    }

    public String devKey() {
        return devKey;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * The client settings (security.protocol, sasl.mechanism, sasl.jaas.config) that log in to the
     * local broker as {@code user}: a service's own user, {@code rollwatch-local} (reads every topic,
     * writes none: the timeline) or {@code admin} (creates topics).
     */
    public Map<String, String> kafkaClientConfig(String user) {
        return kafka.clientConfig(user);
    }

    /** Adds a Kafka user that can log in and is granted nothing, and returns its client settings. */
    public Map<String, String> addKafkaUserWithoutAcls(String user) {
        return kafka.addUserWithoutAcls(user);
    }

    /** The simulated cluster, or null when running against the user's cluster. */
    public SimulatedCluster cluster() {
        return cluster;
    }

    /** The local receiver, or null when real Slack credentials are configured. */
    public LocalReceiver receiver() {
        return receiver;
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public PrintStream out() {
        return options.out();
    }

    @Override
    public synchronized void close() {
        // All services at once (each takes seconds to drain its consumers), then what they used.
        started.stream()
                .filter(ServiceProcess.class::isInstance)
                .map(ServiceProcess.class::cast)
                .forEach(ServiceProcess::requestStop);
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                options.out().println("  while stopping: " + e.getMessage());
            }
        }
        keepLogs();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            options.out().println("  could not remove " + home + ": " + e.getMessage());
        }
    }

    private void keepLogs() {
        if (options.keepLogsIn() == null || !Files.isDirectory(logs())) {
            return;
        }
        try (Stream<Path> logFiles = Files.list(logs())) {
            Files.createDirectories(options.keepLogsIn());
            for (Path log : logFiles.toList()) {
                Files.copy(log, options.keepLogsIn().resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            options.out().println("  could not keep the logs: " + e.getMessage());
        }
    }

    private <T extends AutoCloseable> T remember(T component) {
        started.push(component);
        return component;
    }

    private interface Starter<T> {
        T start() throws IOException, SQLException;
    }

    private <T> T step(String what, Starter<T> starter, java.util.function.Function<T, String> where)
            throws IOException, SQLException {
        options.out().print("  starting " + what + " ... ");
        options.out().flush();
        T component = starter.start();
        options.out().println("ready at " + where.apply(component));
        return component;
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}

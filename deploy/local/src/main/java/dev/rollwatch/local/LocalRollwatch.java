package dev.rollwatch.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs Rollwatch on this machine with nothing installed but a JDK: a real Kafka broker and a real
 * PostgreSQL, then the release-service as a process of its own, configured as in production. Ctrl-C
 * stops everything it started and removes its data.
 */
public final class LocalRollwatch {

    private static final String KAFKA_PORT = "ROLLWATCH_LOCAL_KAFKA_PORT";
    private static final String POSTGRES_PORT = "ROLLWATCH_LOCAL_POSTGRES_PORT";
    private static final String API_PORT = "ROLLWATCH_LOCAL_API_PORT";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path home;

    private LocalRollwatch(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        boolean exitWhenReady = List.of(args).contains("--exit-when-ready");
        Path home = Files.createTempDirectory("rollwatch-local-");
        LocalRollwatch local = new LocalRollwatch(home);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.stop();
            stopped.countDown();
        }, "rollwatch-local-stop"));
        try {
            local.start();
        } catch (IllegalStateException e) {
            System.err.println("\nRollwatch could not start: " + e.getMessage());
            System.exit(1);
        }
        if (exitWhenReady) {
            System.exit(0);
        }
        stopped.await();
    }

    private void start() throws IOException, URISyntaxException, java.sql.SQLException {
        int kafkaPort = Ports.requireFree(Ports.fromEnv(KAFKA_PORT, 9092), "Kafka", KAFKA_PORT);
        int controllerPort = Ports.requireFree(kafkaPort + 10_000, "the Kafka controller", KAFKA_PORT);
        int postgresPort = Ports.requireFree(Ports.fromEnv(POSTGRES_PORT, 15432), "PostgreSQL", POSTGRES_PORT);
        int apiPort = Ports.requireFree(Ports.fromEnv(API_PORT, 8080), "the release API", API_PORT);
        Path repository = repositoryRoot();
        JavaLauncher java = new JavaLauncher(launcherJar());
        Files.createDirectories(home.resolve("logs"));

        step("PostgreSQL");
        LocalPostgres postgres = remember(LocalPostgres.start(home, postgresPort));
        done("localhost:" + postgres.port() + "/" + LocalPostgres.DATABASE);

        step("Kafka");
        LocalKafka kafka = remember(LocalKafka.start(home, kafkaPort, controllerPort, java));
        done(kafka.bootstrapServers() + " (topics created)");

        String devKey = "rw_local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        Map<String, String> environment = Map.of(
                "ROLLWATCH_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "ROLLWATCH_DB_REACTIVE_URL", postgres.reactiveUrl(),
                "ROLLWATCH_DB_JDBC_URL", postgres.jdbcUrl(),
                "ROLLWATCH_DB_USER", LocalPostgres.USER,
                "ROLLWATCH_DB_PASSWORD", LocalPostgres.USER);

        step("release-service");
        ServiceProcess releaseService = remember(ServiceProcess.start("release-service", repository, apiPort,
                environment, List.of(
                        "-Drollwatch.auth.keys.local-dev.hash=sha256:" + sha256Hex(devKey),
                        "-Drollwatch.auth.keys.local-dev.roles=viewer,releaser,operator",
                        "-Drollwatch.auth.keys.local-dev.namespaces=*"),
                java, home.resolve("logs")));
        releaseService.awaitReady(Duration.ofSeconds(120));
        done(releaseService.url());

        String api = releaseService.url();
        System.out.println("""

                Rollwatch is running (local system: embedded Kafka and PostgreSQL).

                  Release API   %1$s/api/v1/releases
                  Swagger UI    %1$s/q/swagger-ui
                  Live status   %1$s/api/v1/releases/stream   (server-sent events)
                  Metrics       %1$s/q/metrics
                  Kafka         %2$s
                  Logs          %3$s

                  Development API key (viewer, releaser, operator; valid until you stop):
                    %4$s

                  Try it:
                    curl -s -H "Authorization: Bearer %4$s" -H 'Content-Type: application/json' \\
                      -d '{"application":"checkout","namespace":"shop","image":"ghcr.io/acme/checkout:1.4.2",
                           "strategy":{"type":"canary","canary":{"steps":[{"setWeight":10},{"pause":{"duration":"30s"}},{"setWeight":50}]}}}' \\
                      %1$s/api/v1/releases

                Press Ctrl-C to stop everything and remove its data.
                """.formatted(api, kafka.bootstrapServers(), home.resolve("logs"), devKey));
    }

    private <T extends AutoCloseable> T remember(T component) {
        started.push(component);
        return component;
    }

    private synchronized void stop() {
        if (started.isEmpty()) {
            return;
        }
        System.out.println("\nStopping Rollwatch...");
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("  while stopping: " + e.getMessage());
            }
        }
        deleteQuietly(home);
        System.out.println("Stopped; nothing left behind.");
    }

    private static void step(String what) {
        System.out.print("  starting " + what + " ... ");
        System.out.flush();
    }

    private static void done(String where) {
        System.out.println("ready at " + where);
    }

    private static Path launcherJar() throws URISyntaxException {
        return Path.of(LocalRollwatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** deploy/local/target/rollwatch-local.jar lives three levels below the repository root. */
    private static Path repositoryRoot() throws URISyntaxException {
        return launcherJar().getParent().getParent().getParent().getParent();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("  could not remove " + root + ": " + e.getMessage());
        }
    }
}

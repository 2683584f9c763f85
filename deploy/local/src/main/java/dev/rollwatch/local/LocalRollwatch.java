package dev.rollwatch.local;

import dev.rollwatch.local.demo.DemoScenario;
import dev.rollwatch.local.demo.ReleaseApiClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: Rollwatch on this machine with nothing installed but a JDK. Starts the local
 * system, then (unless {@code --no-demo}) the demo: a healthy canary that succeeds and a faulty one
 * that is rolled back on its own, with a live timeline of every event. Ctrl-C stops everything it
 * started and removes its data.
 */
public final class LocalRollwatch {

    private LocalRollwatch() {}

    /** Held so the logging configuration is not garbage-collected. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        List<String> flags = List.of(args);
        boolean exitWhenReady = flags.contains("--exit-when-ready");
        boolean demo = !flags.contains("--no-demo") && !exitWhenReady;
        Path launcherJar = Path.of(LocalRollwatch.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        LocalSystem.Options options = new LocalSystem.Options(
                Ports.fromEnv("ROLLWATCH_LOCAL_KAFKA_PORT", 9092),
                Ports.fromEnv("ROLLWATCH_LOCAL_POSTGRES_PORT", 15432),
                Ports.fromEnv("ROLLWATCH_LOCAL_API_PORT", 8080),
                Ports.fromEnv("ROLLWATCH_LOCAL_MANAGEMENT_PORT", 9000),
                Ports.fromEnv("ROLLWATCH_LOCAL_KUBERNETES_PORT", 16443),
                Ports.fromEnv("ROLLWATCH_LOCAL_RECEIVER_PORT", 18090),
                // deploy/local/target/rollwatch-local.jar lives three levels below the repository root.
                launcherJar.getParent().getParent().getParent().getParent(),
                launcherJar,
                System.out);

        System.out.println("Rollwatch local system\n");
        Runtime runtime = Runtime.getRuntime();
        CountDownLatch stopped = new CountDownLatch(1);
        LocalSystem[] system = new LocalSystem[1];
        Timeline[] timeline = new Timeline[1];
        DemoScenario[] scenario = new DemoScenario[1];
        runtime.addShutdownHook(new Thread(
                () -> {
                    System.out.println("\nStopping Rollwatch...");
                    closeQuietly(timeline[0]);
                    closeQuietly(scenario[0]);
                    closeQuietly(system[0]);
                    System.out.println("Stopped; nothing left behind.");
                    stopped.countDown();
                },
                "rollwatch-local-stop"));
        try {
            system[0] = LocalSystem.start(options);
        } catch (IllegalStateException e) {
            System.err.println("\nRollwatch could not start: " + e.getMessage());
            System.exit(1);
        }
        if (exitWhenReady) {
            printEndpoints(system[0]);
            System.exit(0);
        }
        timeline[0] = Timeline.start(
                system[0].kafkaBootstrapServers(), system[0].kafkaClientConfig(LocalKafka.OBSERVER), System.out);
        if (demo && system[0].cluster() != null) {
            try {
                scenario[0] = runDemo(system[0]);
            } catch (RuntimeException | java.io.IOException e) {
                System.err.println("\n  The demo did not complete: " + e.getMessage()
                        + "\n  The system keeps running; see the logs in " + system[0].logs());
            }
        } else if (demo) {
            System.out.println("\n  No demo against your own cluster: request releases of your applications "
                    + "through the API below.");
        }
        printEndpoints(system[0]);
        stopped.await();
    }

    private static DemoScenario runDemo(LocalSystem system) throws java.io.IOException, InterruptedException {
        int demoPort = Ports.requireFree(
                Ports.fromEnv("ROLLWATCH_LOCAL_DEMO_PORT", 18081), "the demo application", "ROLLWATCH_LOCAL_DEMO_PORT");
        Ports.requireFree(demoPort + 1, "the demo application's canary", "ROLLWATCH_LOCAL_DEMO_PORT");
        ReleaseApiClient api = new ReleaseApiClient(system.apiUrl(), system.devKey());
        DemoScenario scenario =
                DemoScenario.start(system.cluster().client(), api, demoPort, demoPort + 1, 40, System.out);
        System.out.println("\n  demo: shop 1.0 on 10 (simulated) replicas, 40 requests/s of real HTTP traffic");
        scenario.run(
                "Release 1: shop 1.1, a healthy canary (10% -> 25% -> 50% -> 100%)",
                scenario.canaryRelease("demo.local/shop:1.1", "8s"));
        scenario.run(
                "Release 2: shop 1.2, a faulty canary (errors and slow answers)",
                scenario.canaryRelease("demo.local/shop:1.2-faulty", "8s"));
        return scenario;
    }

    private static void printEndpoints(LocalSystem system) {
        String api = system.apiUrl();
        List<String> services = LocalSystem.SERVICES;
        // Health, metrics and the API document are on each service's management port, not its API port.
        String managementPorts = "http://localhost:<%s-%s>"
                .formatted(
                        port(system.managementUrl(services.get(0))),
                        port(system.managementUrl(services.get(services.size() - 1))));
        System.out.println("""

                Rollwatch is running.

                  Release API   %1$s/api/v1/releases
                  Live status   %1$s/api/v1/releases/stream   (server-sent events)
                  Swagger UI    %5$s/q/swagger-ui   (the release-service's management port)
                  Metrics       %6$s/q/metrics   (health: /q/health; one management port per service)
                  Kafka         %2$s   (SASL SCRAM-SHA-512; each service has its own user and ACLs)
                  Logs          %3$s

                  Development API key (viewer, releaser, operator; valid until you stop):
                    %4$s

                  Try it:
                    curl -s -H "Authorization: Bearer %4$s" %1$s/api/v1/releases | jq

                Press Ctrl-C to stop everything and remove its data.
                """.formatted(
                        api,
                        system.kafkaBootstrapServers(),
                        system.logs(),
                        system.devKey(),
                        system.managementUrl("release-service"),
                        managementPorts));
    }

    private static String port(String url) {
        return url.substring(url.lastIndexOf(':') + 1);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("  while stopping: " + e.getMessage());
        }
    }
}

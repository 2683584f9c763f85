package dev.rollwatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.local.LocalSystem;
import dev.rollwatch.local.ServiceProcess;
import dev.rollwatch.local.demo.DemoScenario;
import dev.rollwatch.local.demo.ReleaseApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Faults of scale and of the infrastructure, with nothing lost and nothing duplicated: PostgreSQL
 * down for 30 s, a broker restart under 200 releases, two instances of every service with one
 * killed, consumers scaled 1 → 3 → 1, and a slow Kubernetes API. The packaged services run as
 * processes on one local system for the whole class; everything is checked through the release
 * API, the topics, the cluster and the Slack receiver.
 *
 * <p>To fit the CI budget the cases run beside each other where they do not take the system away
 * from each other: the slow Kubernetes API slows only the demo application's namespace, so its
 * releases run through the whole class while the other cases, which each change the services or
 * what they stand on, run one at a time (the {@value #ONE_AT_A_TIME} lock). Every case prints how
 * long it took.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleAndOutageFaultIT {

    private static final String ONE_AT_A_TIME = "services-and-infrastructure";
    private static final Duration OUTCOME = Duration.ofMinutes(5);

    private static SystemFixture fixture;
    private static LocalSystem system;
    private static ReleaseApiClient api;

    @BeforeAll
    static void startTheSystem() throws Exception {
        fixture = SystemFixture.start(
                "scale-and-outage-logs",
                SystemFixture.FAULT_SETTINGS,
                "rollwatch-local",
                List.of(Topics.STEP_COMPLETED, Topics.ROLLBACK_TRIGGERED, Topics.RELEASE_STATUS));
        system = fixture.system();
        api = fixture.api();
    }

    @AfterAll
    static void stopTheSystem() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /**
     * Every call of the services on the demo application's namespace is answered 2 s late. A user
     * expects a slow API server to make a release slower, not to lose it: with steps that allow for it
     * (a 3-minute step deadline) a healthy canary is still promoted and a faulty one still rolled back
     * once, with no step applied twice.
     */
    @Test
    @Order(1)
    @Execution(ExecutionMode.CONCURRENT)
    void withAKubernetesApiAnsweringTwoSecondsLateAHealthyCanaryIsPromotedAndAFaultyOneRolledBackOnce()
            throws Exception {
        long started = System.nanoTime();
        system.cluster().injectApiLatency(DemoScenario.NAMESPACE, Duration.ofSeconds(2));
        try {
            JsonNode healthy = fixture.demo()
                    .run("healthy canary, Kubernetes API 2 s per call", patientCanary("demo.local/shop:3.0", "2s"));
            assertThat(SystemFixture.state(healthy)).as("the healthy canary").isEqualTo("SUCCEEDED");
            assertThat(fixture.stableImage()).isEqualTo("demo.local/shop:3.0");
            fixture.assertCompleteWithoutDuplicates(SystemFixture.id(healthy));
            fixture.assertEndedOnce(SystemFixture.id(healthy));
            printTime("slow Kubernetes API: the healthy canary", started);

            long faultyStarted = System.nanoTime();
            JsonNode faulty = fixture.demo()
                    .run(
                            "faulty canary, Kubernetes API 2 s per call",
                            patientCanary("demo.local/shop:3.1-faulty", "20s"));
            String id = SystemFixture.id(faulty);
            assertThat(SystemFixture.state(faulty)).as("the faulty canary").isEqualTo("ROLLED_BACK");
            assertThat(fixture.stableImage()).isEqualTo("demo.local/shop:3.0");
            assertThat(fixture.topics().events(Topics.ROLLBACK_TRIGGERED, id))
                    .singleElement()
                    .satisfies(e -> assertThat(((RollbackTriggered) e.data()).reason())
                            .isEqualTo(RollbackTriggered.Reason.HEALTH_DEGRADED));
            assertOneRestore(id);
            SystemFixture.assertNoDuplicateSteps(fixture.steps(id));
            fixture.assertEndedOnce(id);
            printTime("slow Kubernetes API: the faulty canary", faultyStarted);
        } finally {
            system.cluster().injectApiLatency(DemoScenario.NAMESPACE, Duration.ZERO);
        }
        printTime("slow Kubernetes API (the whole case)", started);
    }

    /**
     * A second instance of every service joins (same database, same consumer groups), a burst of
     * releases starts, some are aborted, and the second instance of every service is killed (SIGKILL)
     * in the middle of it: the survivors take over the partitions and the claimed work. Every release
     * ends once, no step or rollback twice, no Slack message twice.
     */
    @Test
    @Order(2)
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(ONE_AT_A_TIME)
    void withTwoInstancesOfEveryServiceAndOneKilledMidBurstEveryReleaseEndsOnceWithNothingRepeated() throws Exception {
        long started = System.nanoTime();
        int firstPort = FreePorts.block(LocalSystem.SERVICES.size(), 0);
        List<ServiceProcess> second =
                startInstances(LocalSystem.SERVICES, name -> firstPort + LocalSystem.SERVICES.indexOf(name));
        printTime("two instances: the second instance of every service ready", started);

        Map<String, String> aborted = burst("pair", 4, app -> notified(longPause(unwatched(app)), app));
        Map<String, String> promoted = burst("pair", 16, app -> notified(unwatched(app), app), 4);
        Map<String, String> all = new TreeMap<>(aborted);
        all.putAll(promoted);
        awaitFirstSteps(all.values());
        for (String id : aborted.values()) {
            api.command(id, "abort");
        }
        second.forEach(system::killInstance);
        printTime("two instances: the second instances killed", started);

        assertEnded(promoted, "SUCCEEDED");
        assertEnded(aborted, "ABORTED");
        for (String id : aborted.values()) {
            assertThat(fixture.topics().events(Topics.ROLLBACK_TRIGGERED, id))
                    .as("rollback decisions for %s", id)
                    .singleElement()
                    .satisfies(e -> assertThat(((RollbackTriggered) e.data()).reason())
                            .isEqualTo(RollbackTriggered.Reason.MANUAL_ABORT));
            assertOneRestore(id);
        }
        for (String application : all.keySet()) {
            Awaitility.await("the first Slack message of " + application)
                    .atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(fixture.parentPosts(application, "1.1"))
                            .filteredOn(r -> r.path("status").asInt() == 200)
                            .isNotEmpty());
        }
        for (String application : all.keySet()) {
            assertThat(fixture.parentPosts(application, "1.1"))
                    .as("first messages of %s", application)
                    .hasSize(1);
            fixture.assertNoMessageTwice(application, "1.1");
        }
        fixture.assertEveryServiceReady();
        printTime("two instances of every service, one killed (the whole case)", started);
    }

    /**
     * The executor and the health monitor go from one instance to three in the middle of a burst of
     * watched releases (each raise of traffic waits for a HEALTHY verdict), then back to one as
     * Kubernetes scales down (SIGTERM, drained). Every release ends once with every step once.
     */
    @Test
    @Order(3)
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(ONE_AT_A_TIME)
    void withTheExecutorAndTheHealthMonitorScaledFromOneToThreeAndBackMidBurstNothingIsLostOrRepeated()
            throws Exception {
        long started = System.nanoTime();
        Map<String, String> releases = new TreeMap<>(burst("scale", 10, ScaleAndOutageFaultIT::watched));
        List<String> scaled =
                List.of("executor-service", "executor-service", "health-monitor-service", "health-monitor-service");
        int firstPort = FreePorts.block(scaled.size(), 0);
        List<ServiceProcess> extra = new ArrayList<>();
        List<Callable<ServiceProcess>> starts = new ArrayList<>();
        for (int i = 0; i < scaled.size(); i++) {
            String name = scaled.get(i);
            int port = firstPort + i;
            starts.add(() -> system.startInstance(name, port));
        }
        extra.addAll(inParallel(starts));
        printTime("scaled to three instances", started);

        Map<String, String> whileThree = burst("scale", 10, ScaleAndOutageFaultIT::watched, 10);
        releases.putAll(whileThree);
        awaitFirstSteps(whileThree.values());
        inParallel(extra.stream()
                .<Callable<Void>>map(instance -> () -> {
                    system.stopInstance(instance);
                    return null;
                })
                .toList());
        printTime("scaled back to one instance", started);
        releases.putAll(burst("scale", 5, ScaleAndOutageFaultIT::watched, 20));

        assertEnded(releases, "SUCCEEDED");
        fixture.assertEveryServiceReady();
        printTime("executor and health monitor scaled 1 -> 3 -> 1 (the whole case)", started);
    }

    /**
     * PostgreSQL is stopped (every connection closed) for 30 s while releases are in flight, some of
     * whose pauses end during the outage and some after it, then started again. The services recover
     * by themselves: every release ends once with every step once, and releases requested afterwards
     * go through.
     */
    @Test
    @Order(4)
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(ONE_AT_A_TIME)
    void withPostgresDownForThirtySecondsMidBurstEveryReleaseEndsOnceAndTheServicesRecoverByThemselves()
            throws Exception {
        long started = System.nanoTime();
        Map<String, String> before = new TreeMap<>(burst("pg", 10, app -> pause(unwatched(app), "10s")));
        before.putAll(burst("pg", 10, app -> pause(unwatched(app), "45s"), 10));
        awaitFirstSteps(before.values());

        system.stopPostgres();
        long down = System.nanoTime();
        // Watched from another thread, so that a readiness check hanging on the dead database cannot
        // lengthen the outage.
        Map<String, Integer> seen = new java.util.concurrent.ConcurrentSkipListMap<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (String service : LocalSystem.SERVICES) {
                    int status = SystemFixture.readiness(system.managementUrl(service));
                    seen.merge(service, status, (first, next) -> first == 200 ? next : first);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.ofSeconds(1).toNanos());
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        Thread.sleep(Duration.ofSeconds(30).minusNanos(System.nanoTime() - down).toMillis());
        watcher.interrupt();
        system.startPostgres();
        System.out.println(
                "  readiness during the PostgreSQL outage (each service's first answer other than 200): " + seen);
        printTime("PostgreSQL down and up again", started);

        for (String service : LocalSystem.SERVICES) {
            Awaitility.await(service + " ready again after the outage")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> SystemFixture.readiness(system.managementUrl(service)) == 200);
        }
        Map<String, String> after = burst("pg", 5, ScaleAndOutageFaultIT::unwatched, 20);
        assertEnded(before, "SUCCEEDED");
        assertEnded(after, "SUCCEEDED");
        fixture.assertEveryServiceReady();
        printTime("PostgreSQL down for 30 s (the whole case)", started);
    }

    /**
     * The broker is killed with SIGKILL while releases of {@value #BURST} applications are in flight
     * (each at its first step or pause), kept down for a few seconds and started again on its data:
     * every release still ends, once, with every step reported once. The releases are unwatched
     * (steps follow their timers), so the broker is the only thing they wait on.
     */
    @Test
    @Order(5)
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(ONE_AT_A_TIME)
    void releasesInFlightWhenTheBrokerIsKilledAndRestartedAllEndOnceWithNoStepLostOrRepeated() throws Exception {
        long started = System.nanoTime();
        Map<String, String> releases = burst("burst", BURST, ScaleAndOutageFaultIT::unwatched);
        printTime(BURST + " releases requested", started);
        awaitFirstSteps(releases.values());
        printTime(BURST + " releases at their first step", started);

        system.restartKafka(Duration.ofSeconds(5));
        printTime("broker restarted", started);

        assertEnded(releases, "SUCCEEDED");
        fixture.assertEveryServiceReady();
        printTime(BURST + " releases through a broker restart (the whole case)", started);
        // Whatever case runs next (the order among locked cases is not fixed) finds the cluster small again.
        releases.keySet().forEach(fixture::undeploy);
    }

    private static final int BURST = 200;

    // --- releases ---

    /** Deploys {@code count} applications ({@code prefix-0}, ...) and requests a release of each: id by application. */
    private static Map<String, String> burst(String prefix, int count, Function<String, ObjectNode> release)
            throws Exception {
        return burst(prefix, count, release, 0);
    }

    /**
     * Four clients at once, as several CI pipelines would request: one after the other, a burst of 200
     * takes minutes on two cores before the fault it is meant to meet.
     */
    private static Map<String, String> burst(
            String prefix, int count, Function<String, ObjectNode> release, int firstNumber) throws Exception {
        List<String> applications = new ArrayList<>();
        List<Callable<String>> requests = new ArrayList<>();
        for (int i = firstNumber; i < firstNumber + count; i++) {
            String application = prefix + "-" + i;
            applications.add(application);
            requests.add(() -> {
                fixture.deploy(application);
                return api.request(release.apply(application));
            });
        }
        List<String> ids = inParallel(requests, 4);
        Map<String, String> byApplication = new LinkedHashMap<>();
        for (int i = 0; i < applications.size(); i++) {
            byApplication.put(applications.get(i), ids.get(i));
        }
        return byApplication;
    }

    private static ObjectNode unwatched(String application) {
        return SystemFixture.unwatchedCanary(application, "demo.local/" + application + ":1.1");
    }

    private static ObjectNode pause(ObjectNode release, String duration) {
        ((ObjectNode) release.at("/strategy/canary/steps/1/pause")).put("duration", duration);
        return release;
    }

    /** A pause long enough that an abort sent once the first step is done always finds the release in flight. */
    private static ObjectNode longPause(ObjectNode release) {
        return pause(release, "2m");
    }

    /** The release's story told in its own Slack channel (one channel each: Slack takes one message a second per channel). */
    private static ObjectNode notified(ObjectNode release, String application) {
        release.putArray("notifications").addObject().put("type", "slack").put("channel", "#" + application);
        return release;
    }

    /**
     * A canary of a burst application that the health monitor judges: its "canary" is measured on the
     * demo application's stable version (healthy, under real traffic), so each raise of traffic waits
     * for a HEALTHY verdict and a lost watch would hold the release.
     */
    private static ObjectNode watched(String application) {
        ObjectNode release = fixture.demo().canaryRelease("demo.local/" + application + ":1.1", "2s");
        release.put("application", application).put("namespace", SystemFixture.BURST_NAMESPACE);
        release.remove("notifications");
        ObjectNode source = (ObjectNode) release.at("/slo/metricSource");
        String stable = fixture.demo().app().stableUrl() + "/metrics";
        source.putArray("canaryEndpoints").add(stable);
        source.putArray("stableEndpoints").add(stable);
        // As generous as the unwatched releases: the simulated cluster is slow with many Deployments.
        ((ObjectNode) release.get("strategy")).put("stepDeadline", "3m");
        ArrayNode steps = ((ObjectNode) release.at("/strategy/canary")).putArray("steps");
        steps.addObject().put("setWeight", 50);
        steps.addObject().putObject("pause").put("duration", "2s");
        steps.addObject().put("setWeight", 100);
        return release;
    }

    /** The demo's two-weight canary with steps allowed 3 minutes: long enough for a slow API server. */
    private static ObjectNode patientCanary(String image, String pause) {
        ObjectNode release = fixture.canary(image, pause);
        ((ObjectNode) release.get("strategy")).put("stepDeadline", "3m");
        return release;
    }

    private static void awaitFirstSteps(java.util.Collection<String> ids) {
        Awaitility.await("every release at its first step")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ids.stream().allMatch(id -> !fixture.steps(id).isEmpty()));
    }

    /** Every release ended in {@code state}, once, with its steps once (and all of them if it succeeded). */
    private static void assertEnded(Map<String, String> releases, String state) throws Exception {
        for (Map.Entry<String, String> release : releases.entrySet()) {
            JsonNode outcome = api.awaitOutcome(release.getValue(), OUTCOME);
            assertThat(SystemFixture.state(outcome))
                    .as("release %s of %s: %s", release.getValue(), release.getKey(), outcome.at("/release/reason"))
                    .isEqualTo(state);
        }
        for (String id : releases.values()) {
            fixture.assertEndedOnce(id);
            if (state.equals("SUCCEEDED")) {
                fixture.assertCompleteWithoutDuplicates(id);
            } else {
                SystemFixture.assertNoDuplicateSteps(fixture.steps(id));
            }
        }
    }

    private static void assertOneRestore(String id) {
        assertThat(fixture.steps(id))
                .filteredOn(s -> s.action() == StepCompleted.Action.ROLLBACK)
                .as("restores of %s", id)
                .hasSize(1);
    }

    // --- instances ---

    private static List<ServiceProcess> startInstances(List<String> services, Function<String, Integer> port)
            throws Exception {
        return inParallel(services.stream()
                .<Callable<ServiceProcess>>map(name -> () -> system.startInstance(name, port.apply(name)))
                .toList());
    }

    /** Runs the tasks at once (starting or stopping JVMs mostly waits) and returns their results in order. */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        return inParallel(tasks, tasks.size());
    }

    /** Runs the tasks on {@code threads} threads and returns their results in order. */
    private static <T> List<T> inParallel(List<Callable<T>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(tasks)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printTime(String what, long startedNanos) {
        System.out.printf(
                "%n  [time] %s: %d s%n",
                what, Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds());
    }
}

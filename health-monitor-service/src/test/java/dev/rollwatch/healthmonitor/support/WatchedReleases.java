package dev.rollwatch.healthmonitor.support;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the metric-source tests share: instrumented services, traffic and servers started once per test
 * class ({@link #keep}) and stopped after it, newest first; and per test a Kafka client, a recorder of
 * what the monitor published, and the releases it watches, promoted afterwards so their watches end.
 */
public abstract class WatchedReleases {

    private static final List<AutoCloseable> RUNNING = new ArrayList<>();

    protected KafkaTestClient kafka;
    protected TopicRecorder recorder;
    private final List<String> releases = new ArrayList<>();

    /** Keeps something running until the test class is done. */
    protected static <T extends AutoCloseable> T keep(T closeable) {
        RUNNING.add(closeable);
        return closeable;
    }

    @AfterAll
    protected static void stopEverything() throws Exception {
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).close();
        }
        RUNNING.clear();
    }

    @BeforeEach
    protected void connect() {
        kafka = new KafkaTestClient();
        recorder = kafka.record(
                Topics.HEALTH_DEGRADED, Topics.HEALTH_WARNING, Topics.RELEASE_COMMANDS, Topics.HEALTH_PASSED);
    }

    @AfterEach
    protected void endWatchesAndDisconnect() {
        releases.forEach(id -> Watching.promote(kafka, id));
        releases.clear();
        recorder.close();
        kafka.close();
    }

    /** The release is requested and its new version takes {@code weight}% of traffic; the test's end ends its watch. */
    protected String watch(ReleaseRequested release, int weight) {
        releases.add(release.releaseId());
        Watching.start(kafka, release, weight);
        return release.releaseId();
    }
}

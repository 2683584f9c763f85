package dev.rollwatch.local;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.HealthWarning;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.RollbackNotice;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.codec.MalformedEventException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints every event on every topic as it happens: the live timeline of the local system. */
final class Timeline implements AutoCloseable {

    static final List<String> TOPICS = List.of(
            Topics.RELEASE_REQUESTED,
            Topics.STEP_COMPLETED,
            Topics.HEALTH_PASSED,
            Topics.HEALTH_DEGRADED,
            Topics.HEALTH_WARNING,
            Topics.ROLLBACK_TRIGGERED,
            Topics.ROLLBACK_NOTICE,
            Topics.RELEASE_COMMANDS,
            Topics.RELEASE_STATUS);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final PrintStream out;
    private final EventCodec codec = new EventCodec();
    private volatile boolean running = true;

    private Timeline(String bootstrapServers, Map<String, String> security, PrintStream out) {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "rollwatch-local-timeline-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.out = out;
        this.thread = new Thread(this::run, "timeline");
        this.thread.setDaemon(true);
    }

    /** Starts reading; {@code security} logs the consumer in (the local system's read-only observer). */
    static Timeline start(String bootstrapServers, Map<String, String> security, PrintStream out) {
        Timeline timeline = new Timeline(bootstrapServers, security, out);
        timeline.consumer.subscribe(TOPICS);
        timeline.thread.start();
        return timeline;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    print(record);
                }
            }
        } catch (WakeupException e) {
            // Stopping.
        } finally {
            consumer.close();
        }
    }

    private void print(ConsumerRecord<String, String> record) {
        Map<String, String> headers = RecordHeaders.of(record);
        try {
            CloudEvent<ReleaseEvent> event = codec.decode(record.topic(), record.key(), headers, record.value());
            String line = describe(event.data());
            if (line != null) {
                out.printf(
                        "  %s  %-22s %-16s %s%n",
                        TIME.format(event.time()), shortId(event.subject()), record.topic(), line);
            }
        } catch (MalformedEventException e) {
            out.printf(
                    "  %-12s  %-22s %-16s unreadable record (dead-lettered by the services): %s%n",
                    "", record.key(), record.topic(), e.getMessage());
        }
    }

    static String describe(ReleaseEvent data) {
        if (data instanceof ReleaseRequested r) {
            return "requested " + r.application() + " " + r.image() + " ("
                    + EventJson.nameOf(r.strategy().type()) + ") by "
                    + (r.requestedBy() == null ? "?" : r.requestedBy().actor());
        }
        if (data instanceof StepCompleted s) {
            String position = s.stepIndex() >= 0 ? "step " + (s.stepIndex() + 1) + "/" + s.stepCount() + " " : "";
            return position + EventJson.nameOf(s.action()) + " " + EventJson.nameOf(s.outcome())
                    + ": canary " + s.weights().canary() + "% / stable "
                    + s.weights().stable() + "% ["
                    + EventJson.nameOf(s.phase()) + "]" + (s.message() == null ? "" : " " + s.message());
        }
        if (data instanceof HealthPassed p) {
            // The verdict the next step waits for: shows why a release advances (or, missing, why it waits).
            return "judged HEALTHY at " + p.canaryWeight() + "% (" + p.sourceType() + "): " + p.summary();
        }
        if (data instanceof HealthDegraded h) {
            // The summary carries the counts and the statistic that decided, which is what people ask.
            return "DEGRADED (" + h.sourceType() + "): " + h.summary();
        }
        if (data instanceof HealthWarning w) {
            return "warning " + w.verdict() + ": " + w.message();
        }
        if (data instanceof RollbackTriggered r) {
            return "ROLLBACK (" + EventJson.nameOf(r.reason()) + ", policy " + EventJson.nameOf(r.policy())
                    + ", attempt " + r.attempt() + ")" + (r.message() == null ? "" : ": " + r.message());
        }
        if (data instanceof RollbackNotice n) {
            return EventJson.nameOf(n.severity()) + " " + EventJson.nameOf(n.kind()) + ": " + n.message();
        }
        if (data instanceof ReleaseCommand c) {
            return EventJson.nameOf(c.command()) + " by " + c.requestedBy();
        }
        if (data instanceof ReleaseStatus s) {
            return "=> " + s.state() + (s.reason() == null ? "" : " (" + s.reason() + ")")
                    + (Boolean.FALSE.equals(s.watched())
                            ? " [not watched by any metric source: " + s.unwatchedReason() + "]"
                            : "");
        }
        return null;
    }

    private static String shortId(String releaseId) {
        return releaseId.length() <= 22 ? releaseId : releaseId.substring(0, 21) + "…";
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}

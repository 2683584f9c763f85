package dev.rollwatch.notifier;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Topics;
import dev.rollwatch.events.fixtures.EventFixtures;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.testing.KafkaTestClient;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Release requests pointed at the test's own targets, so tests never see each other's messages. */
public final class Releases {

    public static final List<String> CONSUMED = List.of(
            Topics.RELEASE_REQUESTED,
            Topics.STEP_COMPLETED,
            Topics.HEALTH_DEGRADED,
            Topics.HEALTH_WARNING,
            Topics.ROLLBACK_TRIGGERED,
            Topics.ROLLBACK_NOTICE,
            Topics.RELEASE_COMMANDS);

    private Releases() {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static NotificationTarget slack(String channel) {
        return new NotificationTarget(NotificationTarget.Type.SLACK, channel, null, null, null);
    }

    public static NotificationTarget statuspage(String page, String component) {
        return new NotificationTarget(NotificationTarget.Type.STATUSPAGE, null, page, component, null);
    }

    public static NotificationTarget webhook(String url) {
        return new NotificationTarget(NotificationTarget.Type.WEBHOOK, null, null, null, url);
    }

    /** Requests a canary release of checkout notifying exactly these targets; returns the event sent. */
    public static CloudEvent<ReleaseRequested> request(KafkaTestClient kafka, NotificationTarget... targets) {
        return request(kafka, ReleaseRequestBuilder.canary(), targets);
    }

    /** Requests this release (with an id of its own) notifying exactly these targets; returns the event sent. */
    public static CloudEvent<ReleaseRequested> request(
            KafkaTestClient kafka, ReleaseRequestBuilder release, NotificationTarget... targets) {
        ReleaseRequested request = release.releaseId(unique("rel"))
                .notifications(Arrays.asList(targets))
                .build();
        CloudEvent<ReleaseRequested> event = EventFixtures.event("release-service", request);
        kafka.send(event);
        return event;
    }
}

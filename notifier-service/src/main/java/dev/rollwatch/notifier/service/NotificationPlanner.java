package dev.rollwatch.notifier.service;

import dev.rollwatch.eventing.ReleaseLock;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.codec.EventCodec;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.notifier.channel.ChannelFactory;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.channel.refused.RefusedTargetChannel;
import dev.rollwatch.notifier.config.NotifierConfig;
import dev.rollwatch.notifier.domain.Change;
import dev.rollwatch.notifier.domain.ReleaseFacts;
import dev.rollwatch.notifier.domain.ReleaseView;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.domain.Timeline;
import dev.rollwatch.notifier.persistence.Delivery;
import dev.rollwatch.notifier.persistence.DeliveryStore;
import dev.rollwatch.notifier.persistence.NotificationEvent;
import dev.rollwatch.notifier.persistence.NotifiedRelease;
import dev.rollwatch.notifier.persistence.ReleaseStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Turns consumed events into deliveries, inside the consumer's transaction: the deliveries commit
 * together with the inbox entry and before the Kafka offset, so an event is neither lost (a crash
 * before commit means redelivery) nor planned twice (the inbox and the unique delivery key).
 */
@ApplicationScoped
public class NotificationPlanner {

    private static final Logger LOG = Logger.getLogger(NotificationPlanner.class);

    private final EventCodec codec = new EventCodec();
    private final ReleaseStore releases;
    private final DeliveryStore deliveries;
    private final TargetResolver targets;
    private final ChannelFactory channels;
    private final NotifierConfig config;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    NotificationPlanner(
            ReleaseStore releases,
            DeliveryStore deliveries,
            TargetResolver targets,
            ChannelFactory channels,
            NotifierConfig config,
            DeliveryMetrics metrics,
            Clock clock) {
        this.metrics = metrics;
        this.releases = releases;
        this.deliveries = deliveries;
        this.targets = targets;
        this.channels = channels;
        this.config = config;
        this.clock = clock;
    }

    /** A new release: remember it, post its parent messages, then plan what arrived for it before. */
    public Uni<Void> onRequested(CloudEvent<ReleaseEvent> event) {
        ReleaseRequested request = (ReleaseRequested) event.data();
        ReleaseValidator.requireValid(request, clock.instant());
        // The release's lock serialises everything planned for it across topics and instances: without it
        // an event arriving as its request commits could be parked as "release unknown" after the request's
        // replay ran, and wait forever; and two events could both update the view from the same old one.
        return ReleaseLock.acquire(event.subject())
                .chain(() -> releases.find(event.subject()))
                .chain(existing -> {
                    if (existing != null) {
                        // The same release requested again under a new event id: it already has its messages.
                        return store(event, structured(event), true);
                    }
                    return register(event, request);
                });
    }

    /** Any other event: planned now when the release is known, else parked until it is. */
    public Uni<Void> onEvent(CloudEvent<ReleaseEvent> event) {
        String structured = structured(event);
        return ReleaseLock.acquire(event.subject())
                .chain(() -> releases.find(event.subject()))
                .chain(release -> release == null
                        ? store(event, structured, false)
                        : store(event, structured, true).chain(() -> plan(release, event, structured)));
    }

    private Uni<Void> register(CloudEvent<ReleaseEvent> event, ReleaseRequested request) {
        Instant now = clock.instant();
        ReleaseFacts facts = ReleaseFacts.of(request, config.defaultMetricSource());
        TargetResolver.Resolution resolution = targets.targetsOf(request);
        List<Target> resolved = resolution.allowed();
        NotifiedRelease release = new NotifiedRelease();
        release.releaseId = request.releaseId();
        release.facts = EventJson.write(facts);
        release.targets = EventJson.write(resolved);
        release.view = EventJson.write(ReleaseView.requested());
        release.updatedAt = now;
        String structured = structured(event);
        ReleaseUpdate update = new ReleaseUpdate(facts, event, structured, ReleaseView.requested(), null);
        return releases.persist(release)
                .chain(() -> store(event, structured, true))
                .chain(() -> enqueue(event, resolved, update))
                .chain(() -> refuse(event, request, resolution.refused()))
                .chain(() -> releases.unplanned(release.releaseId))
                .chain(parked -> replay(release, parked));
    }

    private Uni<Void> replay(NotifiedRelease release, List<NotificationEvent> parked) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NotificationEvent stored : parked) {
            chain = chain.chain(() -> {
                stored.planned = true;
                CloudEvent<ReleaseEvent> event = codec.decodeStructured(stored.structured);
                return plan(release, event, stored.structured);
            });
        }
        return chain;
    }

    private Uni<Void> plan(NotifiedRelease release, CloudEvent<ReleaseEvent> event, String structured) {
        ReleaseFacts facts = EventJson.read(release.facts, ReleaseFacts.class);
        ReleaseView before = EventJson.read(release.view, ReleaseView.class);
        Change change = Timeline.apply(before, event.data());
        release.view = EventJson.write(change.view());
        release.updatedAt = clock.instant();
        ReleaseUpdate update = new ReleaseUpdate(facts, event, structured, change.view(), change);
        return enqueue(event, List.of(EventJson.read(release.targets, Target[].class)), update);
    }

    private Uni<Void> enqueue(CloudEvent<ReleaseEvent> event, List<Target> to, ReleaseUpdate update) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Target target : to) {
            NotificationChannel channel = channels.forTarget(target);
            for (Outgoing outgoing : channel.plan(target, update)) {
                chain = chain.chain(() -> deliveries.persist(delivery(event, channel, target, outgoing)));
            }
        }
        return chain;
    }

    private Delivery delivery(
            CloudEvent<ReleaseEvent> event, NotificationChannel channel, Target target, Outgoing outgoing) {
        Instant now = clock.instant();
        Delivery delivery = new Delivery();
        delivery.eventId = event.id();
        delivery.releaseId = event.subject();
        delivery.channel = channel.name();
        delivery.targetKey = target.key();
        delivery.target = EventJson.write(target);
        delivery.kind = outgoing.kind();
        delivery.orderingKey = event.subject() + "|" + target.key();
        delivery.rateKey = outgoing.rateKey();
        delivery.payload = outgoing.payload();
        delivery.status = Delivery.Status.PENDING;
        delivery.dueAt = now;
        delivery.createdAt = now;
        return delivery;
    }

    /**
     * Reports each named target the release's namespace may not use, once per release: a delivery of
     * the refusing provider, which the dispatcher dead-letters like any undeliverable message. The
     * target is left out of the release's targets, so none of its later events is planned there.
     */
    private Uni<Void> refuse(CloudEvent<ReleaseEvent> event, ReleaseRequested request, Map<Target, String> refused) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Target, String> refusal : refused.entrySet()) {
            Target target = refusal.getKey();
            metrics.refused(request.namespace(), target.type());
            LOG.warnf(
                    "Release %s names %s, which namespace '%s' may not use: nothing is sent there (%s)",
                    request.releaseId(), target.describe(), request.namespace(), refusal.getValue());
            chain = chain.chain(() -> deliveries.persist(
                    delivery(event, channels.refused(), target, RefusedTargetChannel.refusal(refusal.getValue()))));
        }
        return chain;
    }

    private Uni<Void> store(CloudEvent<ReleaseEvent> event, String structured, boolean planned) {
        NotificationEvent stored = new NotificationEvent();
        stored.eventId = event.id();
        stored.releaseId = event.subject();
        stored.ceType = event.type();
        stored.occurredAt = event.time();
        stored.receivedAt = clock.instant();
        stored.structured = structured;
        stored.planned = planned;
        return releases.persist(stored);
    }

    private String structured(CloudEvent<ReleaseEvent> event) {
        return codec.structured(event).toString();
    }
}

package dev.rollwatch.release.service;

import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.outbox.Outbox;
import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.release.persistence.ReleaseEntity;
import dev.rollwatch.release.persistence.ReleaseRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Publishes operators' commands on {@code release.commands}. The release-service does not change
 * the release itself: the executor (pause, resume, promote) or the rollback-service (abort) acts,
 * and the release follows from what they report.
 */
@ApplicationScoped
public class Commands {

    private final ReleaseRepository releases;
    private final Outbox outbox;
    private final Events events;
    private final Clock clock;

    Commands(ReleaseRepository releases, Outbox outbox, Events events, Clock clock) {
        this.releases = releases;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param authorize checks the caller may act on the release (throws when not)
     * @return the command's event id
     */
    public Uni<UUID> send(
            String releaseId,
            ReleaseCommand.Command command,
            String actor,
            String reason,
            Consumer<ReleaseEntity> authorize) {
        return Panache.withTransaction(() -> releases.findById(releaseId).flatMap(release -> {
            if (release == null) {
                return Uni.createFrom().failure(new UnknownReleaseException(releaseId));
            }
            authorize.accept(release);
            String refusal = CommandRules.refusal(release.state, command);
            if (refusal != null) {
                return Uni.createFrom()
                        .failure(new RequestConflictException(
                                RequestConflictException.Kind.COMMAND_NOT_APPLICABLE,
                                "release " + releaseId + " is " + release.state + ": " + refusal));
            }
            if (release.state.isTerminal()) {
                return Uni.createFrom()
                        .failure(new RequestConflictException(
                                RequestConflictException.Kind.RELEASE_FINISHED,
                                "release " + releaseId + " already ended " + release.state + "; it cannot be "
                                        + command.name().toLowerCase() + "d"));
            }
            CloudEvent<ReleaseCommand> event =
                    events.create(new ReleaseCommand(releaseId, command, actor, reason, clock.instant()));
            return outbox.publish(event).replaceWith(event.id());
        }));
    }
}

package dev.rollwatch.eventing.outbox;

import io.smallrye.mutiny.Uni;

/**
 * What a service does when one of its events can never be published. Called by the relay in the
 * transaction that marks the event failed, so the service's reaction (ending the release it announced,
 * say) commits with the mark or not at all. A service that has nothing to add declares no bean.
 */
public interface UndeliverableEvents {

    Uni<Void> onUndeliverable(UndeliverableEvent event);
}

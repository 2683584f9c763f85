package dev.rollwatch.events;

/** Every event payload is about exactly one release. */
public interface ReleaseEvent {

    String releaseId();
}

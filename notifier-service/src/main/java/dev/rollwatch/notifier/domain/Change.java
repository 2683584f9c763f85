package dev.rollwatch.notifier.domain;

/**
 * What one event means for the people watching a release.
 *
 * @param view          the release's view after the event
 * @param parentChanged whether the parent message must be rewritten
 * @param reply         the thread reply to post, or null
 * @param incident      what to do with the status-page incident, or null
 */
public record Change(ReleaseView view, boolean parentChanged, Notice reply, IncidentStep incident) {}

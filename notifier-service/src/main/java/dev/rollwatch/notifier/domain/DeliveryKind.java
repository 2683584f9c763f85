package dev.rollwatch.notifier.domain;

/** What one delivery does at its target. */
public enum DeliveryKind {
    /** The release's parent message (Slack); its reference is remembered for replies and updates. */
    PARENT_POST,
    /** The parent message rewritten in place with the current state; a later one supersedes it. */
    PARENT_UPDATE,
    /** A reply in the release's thread (a plain message where threads are impossible). */
    REPLY,
    INCIDENT_OPEN,
    INCIDENT_UPDATE,
    INCIDENT_RESOLVE,
    /** The CloudEvent itself, for generic webhooks. */
    EVENT,
    /** Nothing is sent: the target is not allowed for the release's namespace, and this reports it. */
    REFUSAL
}

package dev.rollwatch.notifier.channel;

/**
 * What a release's conversation at one target is called at the remote end.
 *
 * @param channelRef Slack: the channel id the parent landed in (chat.update needs the id, not the name)
 * @param threadRef  Slack: the parent message's ts; Statuspage: the incident id
 */
public record ThreadRef(String channelRef, String threadRef) {}

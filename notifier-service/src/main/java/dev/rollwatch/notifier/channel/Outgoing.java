package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.domain.DeliveryKind;

/**
 * One message a channel will send.
 *
 * @param kind    what it does at the target
 * @param payload the request body as planned (JSON); holds no credentials
 * @param rateKey sends sharing this key are spaced by the channel's minimum interval (e.g. one Slack
 *                channel), or null for no limit
 */
public record Outgoing(DeliveryKind kind, String payload, String rateKey) {}

package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where people hear about a release. Credentials (bot tokens, webhook secrets, API keys) are never
 * part of a release: the notifier holds them in its own configuration.
 *
 * @param type      slack, statuspage or webhook
 * @param channel   Slack channel (slack)
 * @param page      Statuspage page id (statuspage)
 * @param component Statuspage component id (statuspage)
 * @param url       HTTPS endpoint receiving each CloudEvent as JSON (webhook)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationTarget(Type type, String channel, String page, String component, String url) {

    public enum Type {
        @JsonProperty("slack")
        SLACK,
        @JsonProperty("statuspage")
        STATUSPAGE,
        @JsonProperty("webhook")
        WEBHOOK
    }
}
